package io.hyphae.api.routing;

import io.hyphae.api.ActorMetrics;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import java.util.List;
import io.hyphae.api.spi.MailboxDepths;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How a router picks routees; called on the sender's thread, possibly by several senders at
 * once. Make a new instance per router: some keep state.
 *
 * @param <M> the message type
 */
@ConsumerType
@FunctionalInterface
public interface RoutingLogic<M> {

    /**
     * Tells the message to one or more of the routees.
     *
     * @param message the message
     * @param routees the routees now, not empty; do not modify
     */
    void route(M message, List<ActorRef<M>> routees);

    /**
     * Each routee in turn.
     *
     * @param <M> the message type
     * @return a new logic
     */
    static <M> RoutingLogic<M> roundRobin() {
        AtomicInteger next = new AtomicInteger();
        return (m, routees) -> routees.get(Math.floorMod(next.getAndIncrement(), routees.size())).tell(m);
    }

    /**
     * A routee at random.
     *
     * @param <M> the message type
     * @return a new logic
     */
    static <M> RoutingLogic<M> random() {
        return (m, routees) -> routees.get(ThreadLocalRandom.current().nextInt(routees.size())).tell(m);
    }

    /**
     * The routee with the fewest queued messages, the first of them on a tie. It reads every
     * routee's queue length per message (without allocating, through {@link MailboxDepths}
     * where the system offers it), so it suits small pools of slow workers.
     *
     * @param <M> the message type
     * @param system the routees' system
     * @return a new logic
     */
    static <M> RoutingLogic<M> smallestMailbox(ActorSystem system) {
        Objects.requireNonNull(system, "system");
        ToIntFunction<ActorRef<?>> depthOf;
        try {
            MailboxDepths depths = system.unwrap(MailboxDepths.class);
            depthOf = depths::depth;
        } catch (IllegalArgumentException notOffered) {
            depthOf = r -> system.metrics(r).map(ActorMetrics::mailboxDepth).orElse(Integer.MAX_VALUE);
        }
        ToIntFunction<ActorRef<?>> depthFn = depthOf;
        return (m, routees) -> {
            ActorRef<M> best = routees.get(0);
            int least = Integer.MAX_VALUE;
            for (ActorRef<M> r : routees) {
                int depth = depthFn.applyAsInt(r);
                if (depth < least) {
                    least = depth;
                    best = r;
                    if (depth == 0) {
                        break;
                    }
                }
            }
            best.tell(m);
        };
    }

    /**
     * The routee a key of the message hashes to: while the routees stay the same, a key always
     * goes to the same one. A jump consistent hash: when routees are added at the end or the
     * last ones removed, only the keys that must move do.
     *
     * @param <M> the message type
     * @param key the message's key, not null for any message
     * @return a new logic
     */
    static <M> RoutingLogic<M> consistentHashing(Function<? super M, ?> key) {
        Objects.requireNonNull(key, "key");
        return (m, routees) -> {
            Object k = Objects.requireNonNull(key.apply(m), "the key function returned null");
            routees.get(jump(k.hashCode() * 0x9E3779B97F4A7C15L, routees.size())).tell(m);
        };
    }

    /**
     * Every routee.
     *
     * @param <M> the message type
     * @return a new logic
     */
    static <M> RoutingLogic<M> broadcast() {
        return (m, routees) -> {
            for (ActorRef<M> r : routees) {
                r.tell(m);
            }
        };
    }

    /** Lamping and Veach's jump consistent hash: a bucket in [0, buckets). */
    private static int jump(long key, int buckets) {
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * 2862933555777941757L + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }
}
