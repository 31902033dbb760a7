package io.hyphae.runtime.revision;

import io.hyphae.api.ActorFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;

/**
 * Loads this package once more, in a class loader of its own, as a container does for
 * each revision of an updated bundle: the same class names, different classes.
 */
public final class Revisions extends URLClassLoader {

    private static final String PACKAGE = Revisions.class.getPackageName() + ".";

    private Revisions() {
        super(new URL[] {Revisions.class.getProtectionDomain().getCodeSource().getLocation()},
                Revisions.class.getClassLoader());
    }

    /** A new revision of this package. */
    public static Revisions load() {
        return new Revisions();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PACKAGE) || name.equals(Revisions.class.getName())) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            return c != null ? c : findClass(name);
        }
    }

    /** This revision's {@link RevisionActor#factory}. */
    @SuppressWarnings("unchecked")
    public ActorFactory<Object> factory(boolean convert, Queue<Object> seen, CountDownLatch gate) throws Exception {
        return (ActorFactory<Object>) loadClass(RevisionActor.class.getName())
                .getMethod("factory", boolean.class, Queue.class, CountDownLatch.class).invoke(null, convert, seen, gate);
    }

    /** A {@link Ping} of this revision. */
    public Object ping(int n) throws Exception {
        return loadClass(Ping.class.getName()).getConstructor(int.class).newInstance(n);
    }
}
