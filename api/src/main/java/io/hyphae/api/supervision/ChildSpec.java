package io.hyphae.api.supervision;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.InvalidActorNameException;
import io.hyphae.api.SpawnOptions;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a supervisor runs one child. Immutable; refine with {@code with*} methods.
 *
 * <pre>{@code
 * ChildSpec.of("db", ctx -> new DbActor())
 *     .withRestart(RestartType.TRANSIENT)
 *     .withShutdown(Shutdown.timeout(Duration.ofSeconds(2)))
 *     .withStopOn(IllegalArgumentException.class)
 * }</pre>
 */
public final class ChildSpec {

    private final String id;
    private final ActorFactory<?> factory;
    private final RestartType restart;
    private final Shutdown shutdown;
    private final boolean significant;
    private final List<Class<? extends Throwable>> restartOn;
    private final List<Class<? extends Throwable>> stopOn;
    private final SpawnOptions options;

    private ChildSpec(String id, ActorFactory<?> factory, RestartType restart, Shutdown shutdown,
            boolean significant, List<Class<? extends Throwable>> restartOn, List<Class<? extends Throwable>> stopOn,
            SpawnOptions options) {
        if (id == null) {
            throw new InvalidSpecException("child id must not be null");
        }
        try {
            SpawnOptions.checkName(id);
        } catch (InvalidActorNameException e) {
            throw new InvalidSpecException("child id '" + id + "' is not a valid actor name: " + e.getMessage());
        }
        if (factory == null) {
            throw new InvalidSpecException("child '" + id + "' needs a factory (it makes a fresh instance per start)");
        }
        if (restart == null || shutdown == null || restartOn == null || stopOn == null || options == null) {
            throw new InvalidSpecException("child '" + id + "': restart, shutdown, restartOn, stopOn and options "
                    + "must not be null");
        }
        if (significant && restart == RestartType.PERMANENT) {
            throw new InvalidSpecException("child '" + id + "' is permanent and cannot be significant "
                    + "(a permanent child never ends by itself); make it transient or temporary");
        }
        restartOn = List.copyOf(restartOn);
        stopOn = List.copyOf(stopOn);
        this.id = id;
        this.factory = factory;
        this.restart = restart;
        this.shutdown = shutdown;
        this.significant = significant;
        this.restartOn = restartOn;
        this.stopOn = stopOn;
        this.options = options;
    }

    /**
     * A permanent worker with the default five-second shutdown.
     *
     * @param id the child's id
     * @param factory makes its instances
     * @return the spec
     * @throws InvalidSpecException if {@code id} or {@code factory} is invalid
     */
    public static ChildSpec of(String id, ActorFactory<?> factory) {
        return new ChildSpec(id, factory, RestartType.PERMANENT, Shutdown.DEFAULT, false, List.of(), List.of(),
                SpawnOptions.defaults());
    }

    /**
     * A permanent worker made by a no-argument supplier, such as a constructor reference
     * ({@code ChildSpec.of("store", Store::new)}). A factory lambda that needs the context
     * must declare its type: {@code (ActorContext<Msg> ctx) -> new Store(ctx)}.
     *
     * @param id the child's id
     * @param instances makes a fresh instance per start
     * @return the spec
     */
    public static ChildSpec of(String id, Supplier<? extends Actor<?>> instances) {
        if (instances == null) {
            return of(id, (ActorFactory<?>) null);
        }
        return of(id, new SupplierFactory(instances));
    }

    /** Adapts a supplier; the message type is the actor's own, unchecked as for any ref. */
    private record SupplierFactory(Supplier<? extends Actor<?>> instances) implements ActorFactory<Object> {
        @Override
        @SuppressWarnings("unchecked")
        public Actor<Object> create(ActorContext<Object> context) {
            return (Actor<Object>) instances.get();
        }
    }

    /**
     * A permanent child supervisor: shutdown {@link Shutdown#INFINITY}, so its own
     * children stop in order before it ends.
     *
     * @param id the child's id
     * @param supervisorFactory from {@link Supervision#factory}
     * @return the spec
     */
    public static ChildSpec supervisor(String id, ActorFactory<?> supervisorFactory) {
        return of(id, supervisorFactory).withShutdown(Shutdown.INFINITY);
    }

    /**
     * With another restart type.
     *
     * @param type the restart type
     * @return a new spec
     */
    public ChildSpec withRestart(RestartType type) {
        return new ChildSpec(id, factory, type, shutdown, significant, restartOn, stopOn, options);
    }

    /**
     * With another shutdown.
     *
     * @param newShutdown the shutdown
     * @return a new spec
     */
    public ChildSpec withShutdown(Shutdown newShutdown) {
        return new ChildSpec(id, factory, restart, newShutdown, significant, restartOn, stopOn, options);
    }

    /**
     * Significant or not.
     *
     * @param isSignificant whether significant
     * @return a new spec
     */
    public ChildSpec withSignificant(boolean isSignificant) {
        return new ChildSpec(id, factory, restart, shutdown, isSignificant, restartOn, stopOn, options);
    }

    /**
     * Only these exception types restart the child.
     *
     * @param types exception types
     * @return a new spec
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array only feeds List.of, which copies it
    public final ChildSpec withRestartOn(Class<? extends Throwable>... types) {
        return new ChildSpec(id, factory, restart, shutdown, significant, List.of(types), stopOn, options);
    }

    /**
     * These exception types stop the child.
     *
     * @param types exception types
     * @return a new spec
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array only feeds List.of, which copies it
    public final ChildSpec withStopOn(Class<? extends Throwable>... types) {
        return new ChildSpec(id, factory, restart, shutdown, significant, restartOn, List.of(types), options);
    }

    /**
     * With mailbox and throughput options; their name is ignored.
     *
     * @param spawnOptions the options
     * @return a new spec
     */
    public ChildSpec withOptions(SpawnOptions spawnOptions) {
        return new ChildSpec(id, factory, restart, shutdown, significant, restartOn, stopOn, spawnOptions);
    }

    /**
     * With another factory, keeping everything else.
     *
     * @param newFactory the factory
     * @return a new spec
     */
    public ChildSpec withFactory(ActorFactory<?> newFactory) {
        return new ChildSpec(id, newFactory, restart, shutdown, significant, restartOn, stopOn, options);
    }

    /**
     * Whether a failure with {@code cause} restarts the child (before the restart type
     * and intensity are considered): false if it matches {@code stopOn}, or if
     * {@code restartOn} is not empty and it matches none of them.
     *
     * @param cause the failure
     * @return true to restart, false to stop
     */
    public boolean restartsOn(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        for (Class<? extends Throwable> t : stopOn) {
            if (t.isInstance(cause)) {
                return false;
            }
        }
        if (restartOn.isEmpty()) {
            return true;
        }
        for (Class<? extends Throwable> t : restartOn) {
            if (t.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The child's id, also its actor name; unique within its supervisor.
     *
     * @return the value
     */
    public String id() {
        return id;
    }

    /**
     * Makes a fresh instance on every start and restart.
     *
     * @return the value
     */
    public ActorFactory<?> factory() {
        return factory;
    }

    /**
     * When the child is restarted.
     *
     * @return the value
     */
    public RestartType restart() {
        return restart;
    }

    /**
     * How the supervisor stops it.
     *
     * @return the value
     */
    public Shutdown shutdown() {
        return shutdown;
    }

    /**
     * Whether its end can shut the supervisor down (see {@link AutoShutdown}).
     *
     * @return the value
     */
    public boolean significant() {
        return significant;
    }

    /**
     * If not empty, only these exception types (and subtypes) restart the child; others stop it.
     *
     * @return the value
     */
    public List<Class<? extends Throwable>> restartOn() {
        return restartOn;
    }

    /**
     * Exception types that stop the child instead of restarting it; wins over {@code restartOn}.
     *
     * @return the value
     */
    public List<Class<? extends Throwable>> stopOn() {
        return stopOn;
    }

    /**
     * Mailbox and throughput of the child; its name is always {@code id}.
     *
     * @return the value
     */
    public SpawnOptions options() {
        return options;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChildSpec o
                && Objects.equals(id, o.id)
                && Objects.equals(factory, o.factory)
                && Objects.equals(restart, o.restart)
                && Objects.equals(shutdown, o.shutdown)
                && significant == o.significant
                && Objects.equals(restartOn, o.restartOn)
                && Objects.equals(stopOn, o.stopOn)
                && Objects.equals(options, o.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, factory, restart, shutdown, significant, restartOn, stopOn, options);
    }

    @Override
    public String toString() {
        return "ChildSpec[" + "id=" + id + ", "
                + "factory=" + factory + ", "
                + "restart=" + restart + ", "
                + "shutdown=" + shutdown + ", "
                + "significant=" + significant + ", "
                + "restartOn=" + restartOn + ", "
                + "stopOn=" + stopOn + ", "
                + "options=" + options + "]";
    }
}
