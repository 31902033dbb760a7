package io.hyphae.launcher.itindex;

import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.broker.spi.TopicIndex;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packaged at test time into a bundle of its own: a third-party topic index named
 * {@code it-scan} that outranks the built-in ones. It checks every pattern on every
 * publish, which is slow but obviously right.
 */
public final class IndexActivator implements BundleActivator {

    /** Ranked above the built-in hash index (100). */
    static final int RANKING = 1000;

    /** For the framework. */
    public IndexActivator() {
    }

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(TopicIndexFactory.NAME_PROPERTY, "it-scan");
        context.registerService(TopicIndexFactory.class, new Factory(), props);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service.
    }

    static final class Factory implements TopicIndexFactory {
        @Override
        public String name() {
            return "it-scan";
        }

        @Override
        public int ranking() {
            return RANKING;
        }

        @Override
        public <S> TopicIndex<S> create() {
            return new ScanIndex<>();
        }
    }

    /** Single writer, many readers: writers publish a fresh list. */
    static final class ScanIndex<S> implements TopicIndex<S> {
        private record Entry<S>(TopicPattern pattern, S subscription) {
        }

        private volatile List<Entry<S>> entries = List.of();

        @Override
        public void add(TopicPattern pattern, S subscription) {
            List<Entry<S>> next = new ArrayList<>(entries);
            next.add(new Entry<>(pattern, subscription));
            entries = List.copyOf(next);
        }

        @Override
        public boolean remove(TopicPattern pattern, S subscription) {
            List<Entry<S>> next = new ArrayList<>(entries);
            boolean removed = next.remove(new Entry<>(pattern, subscription));
            entries = List.copyOf(next);
            return removed;
        }

        @Override
        public void match(String topic, Consumer<? super S> sink) {
            for (Entry<S> e : entries) {
                if (e.pattern().matches(topic)) {
                    sink.accept(e.subscription());
                }
            }
        }
    }
}
