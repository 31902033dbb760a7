package io.hyphae.perf.workload;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.receptionist.ServiceKey;
import io.hyphae.api.routing.Router;
import io.hyphae.api.routing.Routers;
import io.hyphae.api.routing.RoutingLogic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The actor benchmarks, with the JMH suite's shapes: tell throughput, ping-pong, external
 * ask, spawn and stop, and idle bytes per actor. Each actor benchmark runs on the mailbox
 * factory its {@code mailbox} parameter names.
 */
public final class ActorWorkloads {

    /** Messages per tell invocation (quick: {@value #QUICK_BATCH}). */
    public static final int BATCH = 100_000;
    /** Messages per tell invocation in a quick run. */
    public static final int QUICK_BATCH = 10_000;
    /** Receivers of the fan-in-to-many tell shape. */
    public static final int RECEIVERS = 1_000;
    /** Round trips per ping-pong invocation (quick: {@value #QUICK_ROUNDS}). */
    public static final int ROUNDS = 10_000;
    /** Round trips per ping-pong invocation in a quick run. */
    public static final int QUICK_ROUNDS = 1_000;
    /** Actors per spawn-and-stop invocation (quick: {@value #QUICK_SPAWNS}). */
    public static final int SPAWNS = 1_000;
    /** Actors per spawn-and-stop invocation in a quick run. */
    public static final int QUICK_SPAWNS = 200;

    private ActorWorkloads() {
    }

    /** Stops actors and waits until every one has terminated. */
    static void stopAll(ActorSystem system, List<? extends ActorRef<?>> actors) throws Exception {
        List<CompletableFuture<Void>> gone = new ArrayList<>(actors.size());
        for (ActorRef<?> a : actors) {
            gone.add(system.whenTerminated(a).toCompletableFuture());
            system.stop(a);
        }
        Waits.await(CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new)),
                actors.size() + " actors stopping");
    }

    /**
     * The receivers whose end marker was not handled, with their counters or the fact that
     * they terminated, so a timed-out benchmark says whether an actor was stuck, failed or
     * stopped.
     */
    static String unfinished(ActorSystem system, List<? extends ActorRef<?>> receivers, CompletableFuture<?>[] done) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (int i = 0; i < done.length; i++) {
            if (done[i].isDone()) {
                continue;
            }
            if (++n <= 5) {
                ActorRef<?> r = receivers.get(i);
                b.append(n == 1 ? "" : ", ").append(r.path()).append(' ')
                        .append(system.metrics(r).map(Object::toString).orElse("terminated"));
            }
        }
        return n + " receivers unfinished: " + b + (n > 5 ? ", ..." : "");
    }

    /** The count of a {@link Counter}. */
    static long count(ActorRef<Object> counter) throws Exception {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        counter.tell(new Counter.Count(reply));
        return Waits.await(reply, "a count from " + counter.path());
    }

    /** Options pinning the named mailbox factory; null: the system's choice, unpinned. */
    static SpawnOptions on(String mailbox) {
        return mailbox == null ? SpawnOptions.defaults() : SpawnOptions.defaults().withMailboxFactory(mailbox);
    }

    /**
     * Options pinning a mailbox factory and a dispatcher.
     *
     * @param mailbox the mailbox factory's name
     * @param dispatcher the dispatcher's name
     * @return the options
     */
    public static SpawnOptions on(String mailbox, String dispatcher) {
        return on(mailbox).withDispatcher(dispatcher);
    }

    /**
     * Tell throughput, end to end: each invocation sends {@code batch} messages over the
     * receivers and waits until they handled all of them (a future sent last to each
     * receiver; FIFO per sender). Checks at the end that every message was counted once.
     */
    public static final class Tell implements Bench {
        private final ActorSystem system;
        private final List<ActorRef<Object>> receivers = new ArrayList<>();
        private final int batch;
        private final LongAdder sent = new LongAdder();
        private final Object message = "m";
        /** A router in front of the receivers (its pool's workers), or null to tell them directly. */
        private final Router<Object> router;

        public Tell(ActorSystem system, String mailbox, int receivers, int batch) {
            this(system, on(mailbox), receivers, batch);
        }

        /**
         * Receivers spawned with the given options (mailbox and dispatcher).
         *
         * @param system the system
         * @param options how each receiver is spawned
         * @param receivers how many
         * @param batch messages per invocation
         */
        public Tell(ActorSystem system, SpawnOptions options, int receivers, int batch) {
            this.system = system;
            this.batch = batch;
            this.router = null;
            for (int i = 0; i < receivers; i++) {
                this.receivers.add(system.spawn(ctx -> new Counter(), options));
            }
        }

        /**
         * Receivers behind a router with the given logic: every plain message goes through
         * the router; the batch's end markers go to each receiver directly. The router is a
         * pool (its workers are its children), or a group over top-level receivers spawned as
         * the direct workload spawns them, so that only the routing differs from it.
         *
         * @param system the system
         * @param logic the routing logic
         * @param receivers how many
         * @param batch messages per invocation
         * @param pool a pool rather than a group
         * @throws Exception if the router does not start
         */
        public Tell(ActorSystem system, RoutingLogic<Object> logic, int receivers, int batch, boolean pool)
                throws Exception {
            this.system = system;
            this.batch = batch;
            if (pool) {
                this.router = Routers.pool(receivers, ctx -> new Counter()).withLogic(logic)
                        .spawn(system, SupervisionWorkloads.name("router"));
            } else {
                ServiceKey<Object> key = ServiceKey.of(SupervisionWorkloads.name("routees"), Object.class);
                for (int i = 0; i < receivers; i++) {
                    system.receptionist().register(key, system.spawn(ctx -> new Counter(), SpawnOptions.defaults()));
                }
                this.router = Routers.group(key).withLogic(logic).start(system);
            }
            Waits.spinUntil(() -> router.routees().size() == receivers, "the router's routees");
            this.receivers.addAll(router.routees());
        }

        @Override
        public double invoke() throws Exception {
            List<ActorRef<Object>> targets = receivers;
            int n = targets.size();
            Object m = message;
            int plain = batch - n;
            Router<Object> front = router;
            if (front != null) {
                for (int i = 0; i < plain; i++) {
                    front.tell(m);
                }
            } else {
                for (int i = 0; i < plain; i++) {
                    targets.get(i % n).tell(m);
                }
            }
            CompletableFuture<?>[] done = new CompletableFuture<?>[n];
            for (int i = 0; i < n; i++) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                done[i] = f;
                targets.get(i).tell(f);
            }
            try {
                Waits.await(CompletableFuture.allOf(done), "the end of a batch of " + batch);
            } catch (TimeoutException e) {
                throw new TimeoutException(e.getMessage() + "; " + unfinished(system, targets, done));
            }
            sent.add(plain);
            return batch;
        }

        @Override
        public void verify() throws Exception {
            long counted = 0;
            for (ActorRef<Object> r : receivers) {
                counted += count(r);
            }
            if (counted != sent.sum()) {
                throw new IllegalStateException("sent " + sent.sum() + " messages but " + counted + " were handled");
            }
        }

        @Override
        public void tearDown() throws Exception {
            if (router != null) {
                router.stop();
            }
            stopAll(system, receivers);
        }
    }

    /** Starts a rally of {@code rounds} round trips, completing {@code done} at the end. */
    private record Rally(int rounds, CompletableFuture<Void> done) {
    }

    /** A ball carrying the ref to return it to. */
    private record Ball(ActorRef<Ball> from) {
    }

    /** An ask request. */
    private record Ping(ActorRef<Ping> replyTo) {
    }

    /** Two actors bounce a ball; one operation is a full round trip. Checks every ball came back. */
    public static final class PingPong implements Bench {
        private final ActorSystem system;
        private final int rounds;
        private final ActorRef<Ball> pong;
        private final ActorRef<Object> ping;
        private final AtomicLong returned = new AtomicLong();
        private long played;

        public PingPong(ActorSystem system, String mailbox, int rounds) {
            this(system, on(mailbox), rounds);
        }

        /**
         * Both actors spawned with the given options (mailbox and dispatcher).
         *
         * @param system the system
         * @param options how both actors are spawned
         * @param rounds round trips per invocation
         */
        public PingPong(ActorSystem system, SpawnOptions options, int rounds) {
            this.system = system;
            this.rounds = rounds;
            AtomicLong back = returned;
            pong = system.spawn(ctx -> b -> b.from().tell(new Ball(ctx.self())), options);
            ping = system.spawn(ctx -> new Actor<Object>() {
                int left;
                CompletableFuture<Void> done;
                @SuppressWarnings("unchecked")
                final Ball ball = new Ball((ActorRef<Ball>) (ActorRef<?>) ctx.self());

                @Override
                public void receive(Object m) {
                    if (m instanceof Rally r) {
                        left = r.rounds();
                        done = r.done();
                        pong.tell(ball);
                        return;
                    }
                    back.lazySet(back.get() + 1);
                    if (--left == 0) {
                        done.complete(null);
                    } else {
                        pong.tell(ball);
                    }
                }
            }, options);
        }

        @Override
        public double invoke() throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            ping.tell(new Rally(rounds, done));
            Waits.await(done, "a rally of " + rounds);
            played += rounds;
            return rounds;
        }

        @Override
        public void verify() {
            if (returned.get() != played) {
                throw new IllegalStateException(played + " balls played but " + returned.get() + " came back");
            }
        }

        @Override
        public void tearDown() throws Exception {
            stopAll(system, List.of(ping, pong));
        }
    }

    /** Ask from a non-actor thread; one operation is one answered ask. */
    public static final class ExternalAsk implements Bench {
        private final ActorSystem system;
        private final ActorRef<Ping> echo;
        private final Duration timeout = Duration.ofSeconds(Waits.SECONDS);

        public ExternalAsk(ActorSystem system, String mailbox) {
            this.system = system;
            echo = system.spawn(ctx -> p -> p.replyTo().tell(p), on(mailbox));
        }

        @Override
        public double invoke() throws Exception {
            Ping[] sent = new Ping[1];
            Ping reply = Waits.await(system.<Ping, Ping>ask(echo, r -> sent[0] = new Ping(r), timeout), "an ask");
            if (reply != sent[0]) {
                throw new IllegalStateException("an ask was answered with another request's reply");
            }
            return 1;
        }

        @Override
        public void tearDown() throws Exception {
            stopAll(system, List.of(echo));
        }
    }

    /** Spawn actors and stop them; one operation is one actor's whole life, up to its {@code onStop}. */
    public static final class SpawnAndStop implements Bench {
        private final ActorSystem system;
        private final String mailbox;
        private final int spawns;
        private final AtomicLong started = new AtomicLong();
        private final AtomicLong stopped = new AtomicLong();
        private long expected;

        public SpawnAndStop(ActorSystem system, String mailbox, int spawns) {
            this.system = system;
            this.mailbox = mailbox;
            this.spawns = spawns;
        }

        @Override
        public double invoke() throws Exception {
            AtomicLong starts = started;
            AtomicLong stops = stopped;
            ActorFactory<Object> f = ctx -> new Actor<Object>() {
                @Override
                public void onStart() {
                    starts.incrementAndGet();
                }

                @Override
                public void receive(Object m) {
                }

                @Override
                public void onStop() {
                    stops.incrementAndGet();
                }
            };
            SpawnOptions options = on(mailbox);
            for (int i = 0; i < spawns; i++) {
                system.stop(system.spawn(f, options));
            }
            long target = expected + spawns;
            expected = target;
            Waits.spinUntil(() -> stops.get() >= target, spawns + " actors stopping");
            return spawns;
        }

        @Override
        public void verify() {
            if (stopped.get() != expected || started.get() > expected) {
                throw new IllegalStateException(expected + " actors spawned and stopped, but " + started.get()
                        + " started and " + stopped.get() + " stopped");
            }
        }
    }

    private static final LongAdder IDLE_STARTED = new LongAdder();

    /** Non-capturing, so one factory instance serves every actor, as a real factory would. */
    private static final LongAdder IDLE_HANDLED = new LongAdder();
    private static final ActorFactory<Object> IDLE = ctx -> {
        IDLE_STARTED.increment();
        return m -> IDLE_HANDLED.increment();
    };

    /**
     * Heap bytes per idle actor: the live heap after full collections, before and after
     * spawning {@code actors} started, idle actors (optionally each after handling one
     * message, so its mailbox holds what a first message makes it allocate). The refs are kept in a list, whose
     * 4 bytes per actor (compressed references in its array) are subtracted. Other work in the same JVM
     * shows up in this figure, so it is a rough one inside a busy container.
     */
    public static final class IdleBytes implements Bench {
        private static final AtomicLong RUNS = new AtomicLong();
        private final ActorSystem system;
        private final String mailbox;
        private final int actors;
        private final boolean named;
        private final boolean messaged;

        /**
         * Anonymous actors.
         *
         * @param system the system
         * @param mailbox the mailbox factory each actor pins, or null for the system's choice
         * @param actors how many
         */
        public IdleBytes(ActorSystem system, String mailbox, int actors) {
            this(system, mailbox, actors, false);
        }

        /**
         * Anonymous or named actors.
         *
         * @param system the system
         * @param mailbox the mailbox factory each actor pins, or null for the system's choice
         * @param actors how many
         * @param named whether each actor gets a name (and a registry entry)
         */
        public IdleBytes(ActorSystem system, String mailbox, int actors, boolean named) {
            this(system, mailbox, actors, named, false);
        }

        /**
         * Anonymous or named actors, never messaged or each after one message.
         *
         * @param system the system
         * @param mailbox the mailbox factory each actor pins, or null for the system's choice
         * @param actors how many
         * @param named whether each actor gets a name (and a registry entry)
         * @param messaged whether each actor handles one message before the heap is measured
         */
        public IdleBytes(ActorSystem system, String mailbox, int actors, boolean named, boolean messaged) {
            this.system = system;
            this.mailbox = mailbox;
            this.actors = actors;
            this.named = named;
            this.messaged = messaged;
        }

        @Override
        public double invoke() throws Exception {
            SpawnOptions options = on(mailbox);
            String prefix = "idle-" + RUNS.incrementAndGet() + "-";
            List<ActorRef<Object>> refs = new ArrayList<>(actors);
            long base = IDLE_STARTED.sum();
            long before = Heap.live();
            for (int i = 0; i < actors; i++) {
                refs.add(system.spawn(IDLE, named ? options.withName(prefix + i) : options));
            }
            Waits.spinUntil(() -> IDLE_STARTED.sum() - base >= actors, actors + " actors starting");
            if (messaged) {
                long handled = IDLE_HANDLED.sum();
                for (ActorRef<Object> r : refs) {
                    r.tell(Boolean.TRUE);
                }
                Waits.spinUntil(() -> IDLE_HANDLED.sum() - handled >= actors, actors + " first messages");
            }
            long after = Heap.live();
            stopAll(system, refs);
            return (double) (after - before) / actors - 4;
        }
    }
}
