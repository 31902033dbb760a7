package io.hyphae.testkit;

import io.hyphae.api.ActorRef;
import io.hyphae.api.SpawnOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Something an actor did through its context while {@link BehaviorTestKit} ran it; read
 * them with {@link BehaviorTestKit#retrieveAllEffects()} or {@link BehaviorTestKit#expectEffect}.
 * Messages it told go to the {@link TestInbox} of their ref, not here.
 */
public sealed interface Effect {

    /**
     * A child was spawned (it is not run; read what it was sent from its inbox).
     *
     * @param name the child's name
     * @param options the options it was spawned with ({@code null} for an anonymous child)
     */
    record Spawned(String name, SpawnOptions options) implements Effect {
    }

    /**
     * {@code stop} was called, on a child or on the actor itself.
     *
     * @param ref what was stopped
     */
    record Stopped(ActorRef<?> ref) implements Effect {
    }

    /**
     * An actor was watched.
     *
     * @param ref the watched actor
     */
    record Watched(ActorRef<?> ref) implements Effect {
    }

    /**
     * A watch ended.
     *
     * @param ref the actor no longer watched
     */
    record Unwatched(ActorRef<?> ref) implements Effect {
    }

    /**
     * A timer was started or replaced.
     *
     * @param key its key
     * @param message what it delivers
     * @param delay the delay, or the interval of a periodic timer
     * @param periodic whether it repeats
     */
    record TimerStarted(Object key, Object message, Duration delay, boolean periodic) implements Effect {
    }

    /**
     * A timer was cancelled.
     *
     * @param key its key
     */
    record TimerCancelled(Object key) implements Effect {
    }

    /**
     * The actor asked another actor; answer it with {@link #reply} or {@link #fail} to get the
     * message the actor's mapping makes of it, then {@link BehaviorTestKit#run run} that.
     */
    final class Asked implements Effect {
        private final ActorRef<?> target;
        private final Object request;
        private final Duration timeout;
        private final BiFunction<Object, Throwable, ?> mapping;

        Asked(ActorRef<?> target, Object request, Duration timeout, BiFunction<Object, Throwable, ?> mapping) {
            this.target = target;
            this.request = request;
            this.timeout = timeout;
            this.mapping = mapping;
        }

        /**
         * Who was asked.
         *
         * @return the target
         */
        public ActorRef<?> target() {
            return target;
        }

        /**
         * The request, as built with the reply ref.
         *
         * @return the request message
         */
        public Object request() {
            return request;
        }

        /**
         * The ask's timeout.
         *
         * @return the timeout
         */
        public Duration timeout() {
            return timeout;
        }

        /**
         * The message the actor makes of {@code answer}.
         *
         * @param answer the reply
         * @return the mapped message, to pass to {@link BehaviorTestKit#run}
         */
        public Object reply(Object answer) {
            return mapping.apply(Objects.requireNonNull(answer, "answer"), null);
        }

        /**
         * The message the actor makes of a failed ask.
         *
         * @param cause for example an {@link io.hyphae.api.AskTimeoutException}
         * @return the mapped message, to pass to {@link BehaviorTestKit#run}
         */
        public Object fail(Throwable cause) {
            return mapping.apply(null, Objects.requireNonNull(cause, "cause"));
        }

        @Override
        public String toString() {
            return "Asked[" + target.path() + ", " + request + ", " + timeout + "]";
        }
    }
}
