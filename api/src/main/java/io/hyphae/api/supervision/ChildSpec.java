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
 *
 * @param id the child's id, also its actor name; unique within its supervisor
 * @param factory makes a fresh instance on every start and restart
 * @param restart when the child is restarted
 * @param shutdown how the supervisor stops it
 * @param significant whether its end can shut the supervisor down (see {@link AutoShutdown})
 * @param restartOn if not empty, only these exception types (and subtypes) restart the child;
 *        others stop it
 * @param stopOn exception types that stop the child instead of restarting it; wins over
 *        {@code restartOn}
 * @param options mailbox and throughput of the child; its name is always {@code id}
 */
public record ChildSpec(String id, ActorFactory<?> factory, RestartType restart, Shutdown shutdown,
        boolean significant, List<Class<? extends Throwable>> restartOn, List<Class<? extends Throwable>> stopOn,
        SpawnOptions options) {

    /**
     * Validates the spec.
     *
     * @param id a valid actor name
     * @param factory not null
     * @param restart not null
     * @param shutdown not null
     * @param significant whether significant
     * @param restartOn not null
     * @param stopOn not null
     * @param options not null
     * @throws InvalidSpecException if a value is missing, the id is not a valid actor name,
     *         or a permanent child is significant
     */
    public ChildSpec {
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
}
