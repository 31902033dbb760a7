package io.hyphae.example;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Signal;
import io.hyphae.api.Stash;
import io.hyphae.api.receptionist.ServiceKey;
import io.hyphae.api.routing.Router;
import io.hyphae.api.routing.Routers;
import io.hyphae.api.Subscription;
import io.hyphae.api.SystemMetrics;
import io.hyphae.api.Terminated;
import io.hyphae.api.Upgradable;
import io.hyphae.api.Upgrade;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.Published;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorEvent;
import io.hyphae.api.supervision.SupervisorSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tour of Hyphae, with a check at every step: tell, ask, failure and restart, live
 * mailbox moves, a live code upgrade, behaviour switching with a stash, a pool and the
 * receptionist, a supervisor, the broker, ping-pong, timers, death watch, dead letters and
 * metrics. The same tour runs on the module path ({@code io.hyphae.launcher.Demo}) and in
 * the container (shell command {@code example:tour}). Every actor it starts is stopped
 * before it returns, and the broker is left on the index it found.
 */
public final class Tour {

    private Tour() {
    }

    /** Messages of the counter actor. */
    sealed interface CounterMsg permits Increment, Get, Fail, WhichVersion {
    }

    /** Asks the cache for a key's value. */
    record Lookup(String key, ActorRef<Integer> replyTo) {
    }

    /** The cache's data has arrived. */
    record Loaded(Map<String, Integer> data) {
    }

    /** Asks a worker for the square of a number. */
    record Square(int n, ActorRef<Integer> replyTo) {
    }

    /** Asks the pricer for the price of an item. */
    record Quote(String item, ActorRef<Integer> replyTo) {
    }

    /** Adds one. */
    record Increment() implements CounterMsg {
    }

    /** Asks for the count. */
    record Get(ActorRef<Long> replyTo) implements CounterMsg {
    }

    /** Makes the counter throw. */
    record Fail() implements CounterMsg {
    }

    /** Asks which code the counter runs. */
    record WhichVersion(ActorRef<String> replyTo) implements CounterMsg {
    }

    /**
     * A counter whose state is reset when it is restarted after a failure, and carried over
     * when its code is upgraded.
     */
    static final class Counter implements Actor<CounterMsg>, Upgradable {
        private String version = "v1";
        private long count;

        /** The counter's next code, told apart by its version. */
        static Counter version(String version) {
            Counter c = new Counter();
            c.version = version;
            return c;
        }

        @Override
        public Object exportState() {
            return count;
        }

        @Override
        public void importState(Object state, String fromVersion, String toVersion) {
            count = (Long) state;
        }

        @Override
        public void receive(CounterMsg message) {
            if (message instanceof Increment) {
                count++;
            } else if (message instanceof Get g) {
                g.replyTo().tell(count);
            } else if (message instanceof WhichVersion w) {
                w.replyTo().tell(version);
            } else {
                throw new IllegalStateException("asked to fail at count " + count);
            }
        }
    }

    /** Polls for up to five seconds. */
    private static boolean awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Runs the tour.
     *
     * @param system where its actors run
     * @param broker the broker it publishes through
     * @param supervision the supervision service
     * @param out where it reports each step
     * @return the number of failed checks
     * @throws Exception if a step cannot run at all
     */
    public static int run(ActorSystem system, MessageBroker broker, Supervision supervision, PrintStream out)
            throws Exception {
        Checks checks = new Checks(out);
        List<ActorRef<?>> started = new CopyOnWriteArrayList<>();
        String index = broker.metrics().index();
        try {
            out.printf("Hyphae tour: system '%s' with %d dispatcher threads%n",
                    system.name(), system.metrics().dispatcherThreads());

            AtomicLong deadLetters = new AtomicLong();
            ActorRef<DeadLetter> deadLetterCounter = system.spawn(ctx -> d -> deadLetters.incrementAndGet(),
                    "dead-letter-counter");
            started.add(deadLetterCounter);
            system.subscribeDeadLetters(deadLetterCounter);

            // tell and ask
            ActorRef<CounterMsg> counter = system.spawn(ctx -> new Counter(), "counter");
            started.add(counter);
            for (int i = 0; i < 1_000; i++) {
                counter.tell(new Increment());
            }
            long count = system.<CounterMsg, Long>ask(counter, Get::new, Duration.ofSeconds(5))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            checks.expect("tell 1000 x Increment, then ask: count", 1000L, count);

            // failure: the counter is restarted with a fresh instance
            out.println("  the counter fails on purpose now; its error is logged:");
            counter.tell(new Fail());
            counter.tell(new Increment());
            long afterRestart = system.<CounterMsg, Long>ask(counter, Get::new, Duration.ofSeconds(5))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            checks.expect("after a failure the counter restarted fresh: count", 1L, afterRestart);
            checks.expect("restarts of counter", 1L, system.metrics(counter).orElseThrow().restarts());

            // mailbox moves: live actors change mailbox implementation while messages flow
            String home = system.metrics(counter).orElseThrow().mailbox();
            String other = home.equals("builtin") ? "jctools" : "builtin";
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    counter.tell(new Increment());
                }
            }, "tour-sender");
            sender.start();
            int moved = system.swapMailboxes(other).toCompletableFuture().get(10, TimeUnit.SECONDS);
            system.swapMailboxes(home).toCompletableFuture().get(10, TimeUnit.SECONDS);
            sender.join();
            checks.expect("100,000 tells while every actor moved " + home + " -> " + other + " -> " + home
                    + ": count", 100_001L, system.<CounterMsg, Long>ask(counter, Get::new, Duration.ofSeconds(5))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS));
            out.printf("  mailbox moves: %d actors moved to '%s' and back, none lost a message%n", moved, other);

            // live code upgrade: the counter gets new code while tells flow; ref, mailbox and count kept
            Thread upgradeSender = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    counter.tell(new Increment());
                }
            }, "tour-upgrade-sender");
            upgradeSender.start();
            long flowing = system.metrics(counter).orElseThrow().processed() + 10_000;
            awaitCondition(() -> system.metrics(counter).orElseThrow().processed() >= flowing
                    || !upgradeSender.isAlive());
            Upgrade upgrade = system.upgrade(counter, ctx -> Counter.version("v2"), "v2").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            upgradeSender.join();
            checks.expect("100,000 tells across an upgrade of the counter's code: count", 200_001L,
                    system.<CounterMsg, Long>ask(counter, Get::new, Duration.ofSeconds(5))
                            .toCompletableFuture().get(5, TimeUnit.SECONDS));
            checks.expect("the same ref now runs", "v2", system.<CounterMsg, String>ask(counter, WhichVersion::new,
                    Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS));
            out.printf("  upgrade: %s -> %s in %d µs, %,d messages queued at the swap%n", upgrade.fromVersion(),
                    upgrade.toVersion(), upgrade.pause().toNanos() / 1000, upgrade.queued());

            // behaviour switching, the stash and pipeToSelf: a cache stashes lookups until its
            // data arrives (a stage piped to it), then unstashes them and becomes a server
            CompletableFuture<Map<String, Integer>> data = new CompletableFuture<>();
            ActorRef<Object> cache = system.spawn((ActorContext<Object> ctx) -> {
                Stash<Object> waiting = ctx.stash(100);
                ctx.pipeToSelf(data, (loaded, failure) -> new Loaded(loaded));
                return m -> {
                    if (m instanceof Loaded l) {
                        waiting.unstashAll();
                        ctx.become(q -> {
                            if (q instanceof Lookup k) {
                                k.replyTo().tell(l.data().getOrDefault(k.key(), -1));
                            }
                        });
                    } else {
                        waiting.stash(m);
                    }
                };
            }, "cache");
            started.add(cache);
            CompletableFuture<Integer> apple = system.<Object, Integer>ask(cache, r -> new Lookup("apple", r),
                    Duration.ofSeconds(5)).toCompletableFuture();
            CompletableFuture<Integer> pear = system.<Object, Integer>ask(cache, r -> new Lookup("pear", r),
                    Duration.ofSeconds(5)).toCompletableFuture();
            checks.expect("lookups sent before the data arrived are waiting in the stash", false,
                    apple.isDone() || pear.isDone());
            data.complete(Map.of("apple", 3, "pear", 5));
            checks.expect("once loaded, the cache answered the stashed lookups", List.of(3, 5),
                    List.of(apple.get(5, TimeUnit.SECONDS), pear.get(5, TimeUnit.SECONDS)));

            // a pool and the receptionist: four workers behind one ref, listed under a service
            // key, found again through a group router; resizing the pool updates the listing
            Router<Square> squares = Routers.<Square>pool(4, ctx -> sq -> sq.replyTo().tell(sq.n() * sq.n()))
                    .spawn(system, "squares");
            checks.expect("the pool started its workers", true, awaitCondition(() -> squares.routees().size() == 4));
            ServiceKey<Square> squarers = ServiceKey.of("tour-squarers", Square.class);
            for (ActorRef<Square> w : squares.routees()) {
                system.receptionist().register(squarers, w);
            }
            checks.expect("the receptionist lists the four workers", 4,
                    system.receptionist().find(squarers).refs().size());
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                int n = i;
                answers.add(system.<Square, Integer>ask(squares, r -> new Square(n, r), Duration.ofSeconds(5))
                        .toCompletableFuture());
            }
            int sum = 0;
            for (CompletableFuture<Integer> a : answers) {
                sum += a.get(5, TimeUnit.SECONDS);
            }
            checks.expect("100 jobs through the pool: sum of squares", 338_350, sum);
            Router<Square> found = Routers.group(squarers).start(system);
            checks.expect("a group router over the key routes to the listed workers", 49, system.<Square, Integer>ask(
                    found, r -> new Square(7, r), Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS));
            squares.resize(2);
            checks.expect("resized to 2: the leaving workers stop and leave the listing", true, awaitCondition(
                    () -> system.receptionist().find(squarers).refs().size() == 2 && found.routees().size() == 2));
            found.stop();
            squares.stop();
            checks.expect("the pool stopped with its workers", true,
                    awaitCondition(() -> system.find("squares").isEmpty()));

            // supervision: a one-for-all supervisor restarts all its children, in order
            List<String> supervisorLog = new CopyOnWriteArrayList<>();
            CountDownLatch restarted = new CountDownLatch(3);
            Subscription events = supervision.subscribe(e -> {
                supervisorLog.add(e.kind() + (e.childId() == null ? "" : " " + e.childId()));
                if (e.kind() == SupervisorEvent.Kind.CHILD_RESTARTED) {
                    restarted.countDown();
                }
            });
            try {
                Supervisor services = supervision.start(system, "services", SupervisorSpec.of(Strategy.ONE_FOR_ALL)
                        .withIntensity(3, Duration.ofSeconds(5))
                        .withChild(ChildSpec.of("store", Counter::new))
                        .withChild(ChildSpec.of("api", Counter::new)));
                // Commands queue behind the start-up, so this answers once all three run.
                services.startChild(ChildSpec.of("audit", Counter::new))
                        .toCompletableFuture().get(5, TimeUnit.SECONDS);
                ActorRef<CounterMsg> api = system.lookup("services/api");
                for (int i = 0; i < 5; i++) {
                    api.tell(new Increment());
                }
                checks.expect("api counted before the failure", 5L, system.<CounterMsg, Long>ask(api, Get::new,
                        Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS));
                out.println("  services/store fails on purpose now; its error is logged:");
                system.<CounterMsg>lookup("services/store").tell(new Fail());
                checks.expect("store failed: all three children restarted", true,
                        restarted.await(10, TimeUnit.SECONDS));
                checks.expect("api restarted fresh, same ref: count", 0L, system.<CounterMsg, Long>ask(api, Get::new,
                        Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS));
                out.printf("  supervisor events: %s%n", supervisorLog);
                services.shutdown().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } finally {
                events.cancel();
            }

            // broker: wildcard subscriptions, named segments, request/reply, an index switch
            List<String> audit = new CopyOnWriteArrayList<>();
            ActorRef<Published> auditor = system.spawn(ctx -> p -> audit.add(p.param("id") + ":" + p.message()),
                    "auditor");
            started.add(auditor);
            broker.subscribeEnvelopes("orders/{id}/+", auditor);
            ActorRef<Quote> pricer = system.spawn(ctx -> q -> q.replyTo().tell(q.item().length() * 10), "pricer");
            started.add(pricer);
            broker.subscribe("prices/#", pricer);
            checks.expect("publish to orders/7/created reaches the auditor", 1,
                    broker.publish("orders/7/created", "created"));
            broker.useIndex("tree");
            checks.expect("after switching to the tree index, orders/7/paid still reaches it", 1,
                    broker.publish("orders/7/paid", "paid"));
            checks.expect("request on prices/books answered", 50, broker.<Quote, Integer>request("prices/books",
                    r -> new Quote("books", r), Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS));
            checks.expect("a publish nobody matches becomes a dead letter", 0, broker.publish("nobody/listens", "x"));
            checks.expect("auditor saw both orders with their id", true, awaitCondition(
                    () -> audit.equals(List.of("7:created", "7:paid"))));
            out.printf("  broker: %s%n", broker.metrics());

            // ping-pong between two actors
            int rounds = 200_000;
            CountDownLatch done = new CountDownLatch(1);
            ActorRef<Object> pong = system.spawn(ctx -> m -> {
                @SuppressWarnings("unchecked")
                ActorRef<Object> from = (ActorRef<Object>) m;
                from.tell(ctx.self());
            }, "pong");
            started.add(pong);
            ActorRef<Object> ping = system.spawn((ActorContext<Object> ctx) -> new Actor<Object>() {
                int left = rounds;

                @Override
                public void receive(Object m) {
                    if (--left == 0) {
                        done.countDown();
                    } else {
                        pong.tell(ctx.self());
                    }
                }
            }, "ping");
            started.add(ping);
            long t0 = System.nanoTime();
            pong.tell(ping);
            checks.expect("ping-pong finished", true, done.await(30, TimeUnit.SECONDS));
            out.printf("  ping-pong: %,d round trips, %.0f ns each%n", rounds,
                    (System.nanoTime() - t0) / (double) rounds);

            // timers and death watch
            CompletableFuture<String> watched = new CompletableFuture<>();
            ActorRef<String> ticker = system.spawn((ActorContext<String> ctx) -> {
                ctx.timers().startPeriodicTimer("tick", "tick", Duration.ofMillis(10));
                return new Actor<String>() {
                    int ticks;

                    @Override
                    public void receive(String m) {
                        if (++ticks == 3) {
                            ctx.log().info("three ticks: stopping");
                            ctx.stop(ctx.self());
                        }
                    }
                };
            }, "ticker");
            started.add(ticker);
            started.add(system.spawn((ActorContext<String> ctx) -> {
                ctx.watch(ticker);
                return new Actor<String>() {
                    @Override
                    public void receive(String m) {
                    }

                    @Override
                    public void onSignal(Signal s) {
                        if (s instanceof Terminated t) {
                            watched.complete(t.ref().path());
                        }
                    }
                };
            }, "watcher"));
            checks.expect("watcher saw the ticker stop after three ticks", "ticker",
                    watched.get(10, TimeUnit.SECONDS));

            // dead letters
            long before = system.metrics().deadLetters();
            ticker.tell("anyone there?");
            checks.expect("a tell to a stopped actor is a dead letter", before + 1, system.metrics().deadLetters());

            SystemMetrics m = system.metrics();
            out.printf("  metrics: %d live actors, %,d messages processed, %d failures, %d restarts, "
                    + "%d dead letters, mailbox '%s'%n", m.liveActors(), m.processed(), m.failures(),
                    m.restarts(), m.deadLetters(), m.mailboxFactory());
        } finally {
            broker.useIndex(index);
            for (ActorRef<?> ref : started) {
                system.stop(ref);
            }
            for (ActorRef<?> ref : started) {
                system.whenTerminated(ref).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        out.println(checks.failures == 0 ? "Tour finished: all checks passed" : "Tour FAILED: " + checks.failures
                + " checks failed");
        return checks.failures;
    }

    private static final class Checks {
        private final PrintStream out;
        int failures;

        Checks(PrintStream out) {
            this.out = out;
        }

        void expect(String what, Object expected, Object actual) {
            boolean ok = expected.equals(actual);
            if (!ok) {
                failures++;
            }
            out.printf("  [%s] %s: %s%n", ok ? "ok" : "FAILED, expected " + expected, what, actual);
        }
    }
}
