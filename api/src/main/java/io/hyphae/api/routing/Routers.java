package io.hyphae.api.routing;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Directive;
import io.hyphae.api.Signal;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Terminated;
import io.hyphae.api.receptionist.Listing;
import io.hyphae.api.receptionist.ServiceKey;
import io.hyphae.api.spi.DeadLetterSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes routers: {@link #pool pools} of supervised workers and {@link #group groups} over
 * the receptionist's listing of a key.
 *
 * <pre>{@code
 * Router<Job> workers = Routers.pool(4, Worker::new)
 *         .withLogic(RoutingLogic.consistentHashing(Job::customer))
 *         .spawn(system, "workers");
 * workers.tell(job);
 * workers.resize(8);
 * }</pre>
 */
public final class Routers {

    private Routers() {
    }

    /**
     * A pool of {@code size} workers made by {@code worker}, round robin unless told otherwise.
     *
     * @param <M> the workers' message type
     * @param size how many workers, at least 1
     * @param worker makes a worker
     * @return the pool's builder
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public static <M> PoolBuilder<M> pool(int size, ActorFactory<M> worker) {
        checkSize(size);
        return new PoolBuilder<>(size, Objects.requireNonNull(worker, "worker"));
    }

    /**
     * A router over the actors registered under {@code key}, round robin unless told otherwise.
     *
     * @param <M> the routees' message type
     * @param key the service key
     * @return the group's builder
     */
    public static <M> GroupBuilder<M> group(ServiceKey<M> key) {
        return new GroupBuilder<>(Objects.requireNonNull(key, "key"));
    }

    static void checkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least 1 worker, size was " + size);
        }
    }

    /**
     * Describes a pool.
     *
     * @param <M> the workers' message type
     */
    public static final class PoolBuilder<M> {
        private final int size;
        private final ActorFactory<M> worker;
        private RoutingLogic<M> logic = RoutingLogic.roundRobin();
        private Function<Throwable, Directive> decider = Directive::defaultFor;
        private SpawnOptions options = SpawnOptions.defaults();

        private PoolBuilder(int size, ActorFactory<M> worker) {
            this.size = size;
            this.worker = worker;
        }

        /**
         * How messages are routed.
         *
         * @param logic a new logic for this pool
         * @return this builder
         */
        public PoolBuilder<M> withLogic(RoutingLogic<M> logic) {
            this.logic = Objects.requireNonNull(logic, "logic");
            return this;
        }

        /**
         * What happens to a worker that fails (default: {@link Directive#defaultFor}, a
         * restart for an exception). A restarted worker keeps its queued messages.
         *
         * @param decider failure to directive
         * @return this builder
         */
        public PoolBuilder<M> withDecider(Function<Throwable, Directive> decider) {
            this.decider = Objects.requireNonNull(decider, "decider");
            return this;
        }

        /**
         * Options of each worker (mailbox, dispatcher, failure logging); its name is the pool's.
         *
         * @param options the options
         * @return this builder
         */
        public PoolBuilder<M> withWorkerOptions(SpawnOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Starts the pool as a top-level actor; its workers are its children.
         *
         * @param system the system
         * @param name the pool actor's name
         * @return the router
         */
        public Router<M> spawn(ActorSystem system, String name) {
            PoolRouter<M> router = new PoolRouter<>(system, logic);
            router.pool = system.spawn(ctx -> new PoolActor<>(ctx, router, this), name);
            return router;
        }

        /**
         * Starts the pool as a child of an actor.
         *
         * @param context the parent's context
         * @param name the pool actor's name
         * @return the router
         */
        public Router<M> spawn(ActorContext<?> context, String name) {
            PoolRouter<M> router = new PoolRouter<>(context.system(), logic);
            router.pool = context.spawn(ctx -> new PoolActor<>(ctx, router, this), name);
            return router;
        }
    }

    /**
     * Describes a group.
     *
     * @param <M> the routees' message type
     */
    public static final class GroupBuilder<M> {
        private final ServiceKey<M> key;
        private RoutingLogic<M> logic = RoutingLogic.roundRobin();

        private GroupBuilder(ServiceKey<M> key) {
            this.key = key;
        }

        /**
         * How messages are routed.
         *
         * @param logic a new logic for this group
         * @return this builder
         */
        public GroupBuilder<M> withLogic(RoutingLogic<M> logic) {
            this.logic = Objects.requireNonNull(logic, "logic");
            return this;
        }

        /**
         * Starts following the key's listing: the router's routees are the listed actors,
         * from the moment this returns.
         *
         * @param system the system whose receptionist lists them
         * @return the router
         */
        public Router<M> start(ActorSystem system) {
            PoolRouter<M> router = new PoolRouter<>(system, logic);
            router.groupKey = key;
            // Usable at once; the follower keeps it current. A router listed under its own
            // key is left out, or it would route to itself.
            router.routees = without(system.receptionist().find(key).refs(), router);
            ActorFactory<Listing<M>> follower = ctx -> {
                system.receptionist().subscribe(key, ctx.self());
                return l -> router.routees = without(l.refs(), router);
            };
            router.pool = system.spawnAnonymous(follower);
            return router;
        }
    }

    private static <M> List<ActorRef<M>> without(List<ActorRef<M>> refs, ActorRef<M> self) {
        return refs.contains(self) ? refs.stream().filter(r -> !r.equals(self)).toList() : refs;
    }

    /** The router a sender tells: routes on the sender's thread to the published routees. */
    private static final class PoolRouter<M> implements Router<M> {
        private final ActorSystem system;
        private final RoutingLogic<M> logic;
        private final DeadLetterSink deadLetters;
        volatile List<ActorRef<M>> routees = List.of();
        /** The pool actor, or for a group the listing's follower. */
        ActorRef<?> pool;
        ServiceKey<M> groupKey;

        PoolRouter(ActorSystem system, RoutingLogic<M> logic) {
            this.system = system;
            this.logic = logic;
            this.deadLetters = system.unwrap(DeadLetterSink.class);
        }

        @Override
        public void tell(M message) {
            Objects.requireNonNull(message, () -> "message must not be null (tell to " + path() + ")");
            List<ActorRef<M>> r = routees;
            if (r.isEmpty()) {
                deadLetters.deadLetter(message, this, DeadLetter.Reason.NO_ROUTEE);
            } else {
                logic.route(message, r);
            }
        }

        @Override
        public String name() {
            return groupKey != null ? "group:" + groupKey.id() : pool.name();
        }

        @Override
        public String path() {
            return groupKey != null ? "group:" + groupKey.id() : pool.path();
        }

        @Override
        public List<ActorRef<M>> routees() {
            return routees;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void resize(int size) {
            if (groupKey != null) {
                throw new UnsupportedOperationException("a group's routees are what the receptionist lists under "
                        + groupKey.id());
            }
            checkSize(size);
            ((ActorRef<Object>) pool).tell(new Resize(size));
        }

        @Override
        public void stop() {
            routees = List.of();
            system.stop(pool);
        }

        @Override
        public ActorRef<?> actor() {
            return pool;
        }

        @Override
        public String toString() {
            return "Router[" + path() + "]";
        }
    }

    /** Asks a pool to change its size. */
    private record Resize(int size) {
    }

    /** Asks a pool whether a leaving worker's queue is empty yet. */
    private record CheckLeaving() {
    }

    /**
     * The pool's supervisor: starts workers, replaces those that stop, resizes, and
     * publishes the workers to the router.
     */
    private static final class PoolActor<M> implements Actor<Object> {
        private static final Duration LEAVING_CHECK = Duration.ofMillis(10);

        private final ActorContext<Object> ctx;
        private final PoolRouter<M> router;
        private final PoolBuilder<M> spec;
        private final List<ActorRef<M>> workers = new ArrayList<>();
        private final List<ActorRef<M>> leaving = new ArrayList<>();
        private int next;

        PoolActor(ActorContext<Object> ctx, PoolRouter<M> router, PoolBuilder<M> spec) {
            this.ctx = ctx;
            this.router = router;
            this.spec = spec;
        }

        @Override
        public void onStart() {
            grow(spec.size);
        }

        @Override
        public void postRestart(Throwable cause) {
            workers.clear(); // the children went with the restart
            leaving.clear();
            grow(spec.size);
        }

        private void grow(int to) {
            while (workers.size() < to) {
                ActorRef<M> w = ctx.spawn(spec.worker, spec.options.withName("w" + next++));
                ctx.watch(w);
                workers.add(w);
            }
            publish();
        }

        private void publish() {
            router.routees = List.copyOf(workers);
        }

        @Override
        public void receive(Object m) {
            if (m instanceof Resize r) {
                if (r.size() > workers.size()) {
                    grow(r.size());
                } else {
                    while (workers.size() > r.size()) {
                        leaving.add(workers.remove(workers.size() - 1));
                    }
                    publish();
                    ctx.timers().startSingleTimer(CheckLeaving.class, new CheckLeaving(), LEAVING_CHECK);
                }
            } else if (m instanceof CheckLeaving) {
                leaving.removeIf(w -> {
                    boolean idle = ctx.system().metrics(w).map(x -> x.mailboxDepth() == 0).orElse(true);
                    if (idle) {
                        ctx.stop(w);
                    }
                    return idle;
                });
                if (!leaving.isEmpty()) {
                    ctx.timers().startSingleTimer(CheckLeaving.class, new CheckLeaving(), LEAVING_CHECK);
                }
            }
        }

        @Override
        public void onSignal(Signal s) {
            if (s instanceof Terminated t && workers.removeIf(w -> w.equals(t.ref()))) {
                // A worker stopped on its own: a replacement keeps the size.
                grow(workers.size() + 1);
            }
        }

        @Override
        public Directive onChildFailure(ActorRef<?> child, Throwable cause) {
            return spec.decider.apply(cause);
        }
    }
}
