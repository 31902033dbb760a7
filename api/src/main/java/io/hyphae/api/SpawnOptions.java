package io.hyphae.api;

import io.hyphae.api.mailbox.MailboxSpec;
import java.util.Objects;

/**
 * Immutable options for spawning an actor, refined with {@code with*} methods.
 *
 * <pre>{@code
 * SpawnOptions.named("orders").withMailbox(MailboxSpec.bounded(1_000, Overflow.DROP_OLDEST))
 * }</pre>
 */
public final class SpawnOptions {

    private final String name;
    private final MailboxSpec mailbox;
    private final int throughput;
    private final String mailboxFactory;
    private final boolean lifecycleSignals;
    private final boolean failureLogging;
    private final String dispatcher;

    private static final SpawnOptions DEFAULTS = new SpawnOptions(null, MailboxSpec.unbounded(), 0, null, false,
            true, null);

    private SpawnOptions(String name, MailboxSpec mailbox, int throughput, String mailboxFactory,
            boolean lifecycleSignals, boolean failureLogging, String dispatcher) {
        Objects.requireNonNull(mailbox, "mailbox");
        if (throughput < 0) {
            throw new InvalidConfigurationException(
                    "throughput must be 0 (system default) or positive, was " + throughput);
        }
        this.name = name;
        this.mailbox = mailbox;
        this.throughput = throughput;
        this.mailboxFactory = mailboxFactory;
        this.lifecycleSignals = lifecycleSignals;
        this.failureLogging = failureLogging;
        this.dispatcher = dispatcher;
    }

    /**
     * Anonymous actor, unbounded mailbox, default throughput, failures logged.
     *
     * @return the defaults
     */
    public static SpawnOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Defaults with a name.
     *
     * @param name the actor's name
     * @return the options
     */
    public static SpawnOptions named(String name) {
        return DEFAULTS.withName(name);
    }

    /**
     * With another name.
     *
     * @param newName the name, or null for a generated one
     * @return new options
     */
    public SpawnOptions withName(String newName) {
        return new SpawnOptions(newName, mailbox, throughput, mailboxFactory, lifecycleSignals,
                failureLogging, dispatcher);
    }

    /**
     * With another mailbox shape.
     *
     * @param newMailbox the mailbox shape
     * @return new options
     */
    public SpawnOptions withMailbox(MailboxSpec newMailbox) {
        return new SpawnOptions(name, newMailbox, throughput, mailboxFactory, lifecycleSignals,
                failureLogging, dispatcher);
    }

    /**
     * With another throughput.
     *
     * @param newThroughput messages per turn, positive
     * @return new options
     * @throws InvalidConfigurationException if not positive
     */
    public SpawnOptions withThroughput(int newThroughput) {
        if (newThroughput <= 0) {
            throw new InvalidConfigurationException("throughput must be positive, was " + newThroughput);
        }
        return new SpawnOptions(name, mailbox, newThroughput, mailboxFactory, lifecycleSignals,
                failureLogging, dispatcher);
    }

    /**
     * With a named mailbox factory.
     *
     * @param factoryName the factory's {@link io.hyphae.api.mailbox.MailboxFactory#name()}
     * @return new options
     */
    public SpawnOptions withMailboxFactory(String factoryName) {
        return new SpawnOptions(name, mailbox, throughput, Objects.requireNonNull(factoryName, "factoryName"),
                lifecycleSignals, failureLogging, dispatcher);
    }

    /**
     * With or without lifecycle signals to the parent ({@link ChildStarted} after every
     * start or restart, {@link Terminated} with the {@link ExitReason} at the end).
     * Supervisors spawn their children this way. Ignored for top-level actors.
     *
     * @param enabled whether the parent receives the signals
     * @return new options
     */
    public SpawnOptions withLifecycleSignals(boolean enabled) {
        return new SpawnOptions(name, mailbox, throughput, mailboxFactory, enabled,
                failureLogging, dispatcher);
    }

    /**
     * With or without failure logging. By default every failure of the actor is logged at
     * ERROR with its stack trace. Without it, failures are logged at DEBUG; they are still
     * counted, reported to the parent and supervisor, and published as supervisor events.
     * For actors that fail by design (a parser fed untrusted input, a probe), as Akka's
     * {@code SupervisorStrategy.withLoggingEnabled(false)}. A supervised child gets it from
     * its {@code ChildSpec}'s options.
     *
     * @param enabled whether failures are logged at ERROR
     * @return new options
     */
    public SpawnOptions withFailureLogging(boolean enabled) {
        return new SpawnOptions(name, mailbox, throughput, mailboxFactory, lifecycleSignals, enabled, dispatcher);
    }

    /**
     * With a named dispatcher: the actor runs its turns there and stays there when the
     * system's default changes, until that dispatcher's factory goes away.
     *
     * @param factoryName a {@link io.hyphae.api.dispatch.DispatcherFactory#name()}
     * @return new options
     */
    public SpawnOptions withDispatcher(String factoryName) {
        return new SpawnOptions(name, mailbox, throughput, mailboxFactory, lifecycleSignals, failureLogging,
                Objects.requireNonNull(factoryName, "factoryName"));
    }

    /** The longest actor name accepted. */
    public static final int MAX_NAME_LENGTH = 255;

    /**
     * Checks an actor name: 1..{@value #MAX_NAME_LENGTH} characters, not starting with
     * {@code $} (reserved for generated names), no {@code /}, whitespace or control
     * characters.
     *
     * @param name the name to check, not null
     * @return the name
     * @throws InvalidActorNameException naming the rule it breaks
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidActorNameException("actor name must have 1.." + MAX_NAME_LENGTH
                    + " characters, was '" + name + "'");
        }
        if (name.charAt(0) == '$') {
            throw new InvalidActorNameException("actor name must not start with '$' (reserved for generated names): '"
                    + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidActorNameException("actor name must not contain '/', whitespace or control characters: '"
                        + name + "' at index " + i);
            }
        }
        return name;
    }

    /**
     * The actor's name, or null for a generated one.
     *
     * @return the value
     */
    public String name() {
        return name;
    }

    /**
     * The mailbox shape.
     *
     * @return the value
     */
    public MailboxSpec mailbox() {
        return mailbox;
    }

    /**
     * Messages handled per turn before yielding the thread; 0 uses the system's default.
     *
     * @return the value
     */
    public int throughput() {
        return throughput;
    }

    /**
     * The name of the mailbox factory to use, or null for the best-ranked one that supports {@code mailbox}.
     *
     * @return the value
     */
    public String mailboxFactory() {
        return mailboxFactory;
    }

    /**
     * Whether the parent receives {@link ChildStarted} after every start and {@link Terminated} at the
     * end, without watching.
     *
     * @return the value
     */
    public boolean lifecycleSignals() {
        return lifecycleSignals;
    }

    /**
     * Whether the runtime logs the actor's failures at ERROR with their stack trace (the default), or at DEBUG.
     *
     * @return the value
     */
    public boolean failureLogging() {
        return failureLogging;
    }

    /**
     * The name of the dispatcher to run on, or null for the system's default.
     *
     * @return the value
     */
    public String dispatcher() {
        return dispatcher;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpawnOptions o
                && Objects.equals(name, o.name)
                && Objects.equals(mailbox, o.mailbox)
                && throughput == o.throughput
                && Objects.equals(mailboxFactory, o.mailboxFactory)
                && lifecycleSignals == o.lifecycleSignals
                && failureLogging == o.failureLogging
                && Objects.equals(dispatcher, o.dispatcher);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mailbox, throughput, mailboxFactory, lifecycleSignals, failureLogging, dispatcher);
    }

    @Override
    public String toString() {
        return "SpawnOptions[" + "name=" + name + ", "
                + "mailbox=" + mailbox + ", "
                + "throughput=" + throughput + ", "
                + "mailboxFactory=" + mailboxFactory + ", "
                + "lifecycleSignals=" + lifecycleSignals + ", "
                + "failureLogging=" + failureLogging + ", "
                + "dispatcher=" + dispatcher + "]";
    }
}
