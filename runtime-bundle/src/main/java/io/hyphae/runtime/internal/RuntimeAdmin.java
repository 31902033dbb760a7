package io.hyphae.runtime.internal;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.spi.DeadLetterSink;
import io.hyphae.api.spi.MailboxDepths;
import io.hyphae.api.time.ActorClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * What the runtime's own shell, JMX and OSGi code may do with a system beyond
 * {@link ActorSystem}: manage mailbox factories, change settings while running, look
 * inside. Not exported: other bundles see only {@link ActorSystem}.
 */
public interface RuntimeAdmin extends ActorSystem, DeadLetterSink, MailboxDepths {

    /**
     * Starts a system.
     *
     * @param config the settings
     * @param mailboxFactories plug-in factories besides the built-in one
     * @return the running system
     */
    static RuntimeAdmin start(ActorSystemConfig config, List<MailboxFactory> mailboxFactories) {
        return new HyphaeActorSystem(config, mailboxFactories, List.of(), null);
    }

    /**
     * Starts a system.
     *
     * @param config the settings
     * @param mailboxFactories plug-in mailbox factories besides the built-in one
     * @param dispatcherFactories plug-in dispatcher factories besides the built-in ones
     * @return the running system
     */
    static RuntimeAdmin start(ActorSystemConfig config, List<MailboxFactory> mailboxFactories,
            List<DispatcherFactory> dispatcherFactories) {
        return new HyphaeActorSystem(config, mailboxFactories, dispatcherFactories, null);
    }

    /**
     * Starts a system on a given clock.
     *
     * @param config the settings
     * @param mailboxFactories plug-in mailbox factories besides the built-in one
     * @param dispatcherFactories plug-in dispatcher factories besides the built-in ones
     * @param clock the clock to read time and schedule by, or null for the JDK's
     * @return the running system
     */
    static RuntimeAdmin start(ActorSystemConfig config, List<MailboxFactory> mailboxFactories,
            List<DispatcherFactory> dispatcherFactories, ActorClock clock) {
        return new HyphaeActorSystem(config, mailboxFactories, dispatcherFactories, clock);
    }

    /**
     * Adds a dispatcher factory; actors waiting for its name (as default or pinned) move to
     * it at their next turn.
     *
     * @param factory the factory
     */
    void addDispatcherFactory(DispatcherFactory factory);

    /**
     * Removes a dispatcher factory: its actors move to the default dispatcher at their next
     * turn, and its threads end once they have run what they hold (waited for, bounded;
     * not on a dispatcher thread).
     *
     * @param factory the factory
     */
    void removeDispatcherFactory(DispatcherFactory factory);

    /**
     * One row per dispatcher factory, for the shell and JMX.
     *
     * @return the rows, built-in factories first
     */
    List<DispatcherInfo> dispatcherInfo();

    /**
     * A dispatcher factory as listed.
     *
     * @param name the factory's name
     * @param description what it is for
     * @param isDefault whether actors without a pinned dispatcher run there
     * @param started whether this system has made its dispatcher yet
     * @param threads its threads (-1: a thread per turn; 0: not started)
     * @param processed messages handled by turns it ran
     */
    record DispatcherInfo(String name, String description, boolean isDefault, boolean started, int threads,
            long processed) {
    }

    /**
     * Adds a mailbox factory. New actors may use it at once; live actors that should now
     * use it move to it in the background.
     *
     * @param factory the factory
     */
    void addMailboxFactory(MailboxFactory factory);

    /**
     * Removes a mailbox factory and moves every live actor off it, waiting (bounded) until
     * they have moved, so its queues can go. Does not wait on a dispatcher thread.
     *
     * @param factory the factory
     */
    void removeMailboxFactory(MailboxFactory factory);

    /**
     * The mailbox factories this system can use, the built-in one first.
     *
     * @return the factories
     */
    List<MailboxFactory> availableMailboxFactories();

    /**
     * The messages per turn an actor gets unless it asked for another number.
     *
     * @return the default throughput
     */
    int defaultThroughput();

    /**
     * Applies the settings that can change while running: throughput and preferred mailbox.
     *
     * @param config the new settings
     */
    void reconfigure(ActorSystemConfig config);

    /**
     * Mailboxes replaced since start.
     *
     * @return the count
     */
    long mailboxMoves();

    /**
     * Offers that raced with a mailbox move and were rescued by their producer from the
     * replaced queue, since start.
     *
     * @return the count
     */
    long mailboxRescues();

    /**
     * The most recent dead letters, oldest first (at most 32).
     *
     * @return the dead letters
     */
    List<RecentDeadLetter> recentDeadLetters();

    /**
     * Dead letters since start, by reason; every reason is listed.
     *
     * @return the counts
     */
    Map<DeadLetter.Reason, Long> deadLettersByReason();

    /**
     * Asks every live actor, on its own turn, for its state, and lists the answers in tree
     * order (a parent before its children, siblings by name). An actor busy in a long
     * handler answers late; whatever has not answered within {@code timeout} is missing.
     *
     * @param timeout how long to wait for the answers
     * @return the snapshots
     * @throws InterruptedException if interrupted while waiting
     */
    List<ActorSnapshot> inspect(Duration timeout) throws InterruptedException;

    /**
     * Completes when the system has terminated, without asking it to.
     *
     * @return the stage
     */
    CompletionStage<Void> whenSystemTerminated();

    /**
     * The last code upgrades, oldest first (at most 32).
     *
     * @return the upgrades
     */
    List<UpgradeRecord> recentUpgrades();

    /**
     * How many upgrades were asked for since the start, whatever their outcome.
     *
     * @return the count
     */
    long upgradesTotal();

    /**
     * One code upgrade.
     *
     * @param epochMillis when it ended
     * @param path the actor
     * @param fromVersion the code it ran
     * @param toVersion the code asked for
     * @param queued messages queued at the swap
     * @param pause time on the actor's turn
     * @param outcome {@code upgraded}, {@code failed: ...} or {@code refused: ...}
     */
    record UpgradeRecord(long epochMillis, String path, String fromVersion, String toVersion, int queued,
            Duration pause, String outcome) {
    }

    /**
     * A dead letter and when it happened.
     *
     * @param epochMillis when, in milliseconds since the epoch
     * @param letter the dead letter
     */
    record RecentDeadLetter(long epochMillis, DeadLetter letter) {
    }
}
