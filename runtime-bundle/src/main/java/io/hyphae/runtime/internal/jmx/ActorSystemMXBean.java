package io.hyphae.runtime.internal.jmx;

import java.util.List;
import java.util.Map;

/**
 * An actor system over JMX, as {@code io.hyphae:type=ActorSystem,name=<system>}. Every
 * value is computed when it is read; nothing is counted for JMX on the message path.
 */
public interface ActorSystemMXBean {

    /** @return the system's name */
    String getName();

    /** @return threads running actors */
    int getDispatcherThreads();

    /** @return messages per turn unless an actor asked for another number */
    int getDefaultThroughput();

    /** @return actors started and not yet stopped */
    long getLiveActors();

    /** @return actors spawned since start */
    long getSpawned();

    /** @return messages handled since start */
    long getProcessed();

    /** @return dead letters since start */
    long getDeadLetters();

    /** @return dead letters since start, by reason */
    Map<String, Long> getDeadLettersByReason();

    /** @return actor failures since start */
    long getFailures();

    /** @return actor restarts since start */
    long getRestarts();

    /** @return the mailbox factory new unbounded actors get */
    String getDefaultMailbox();

    /** @return actors moved from one mailbox implementation to another */
    long getMailboxMoves();

    /** @return producer offers rescued from a replaced mailbox */
    long getMailboxRescues();

    /** @return the dispatcher actors without a pinned one run on */
    String getDefaultDispatcher();

    /** @return every dispatcher's name mapped to the messages its turns handled (0 if not started) */
    Map<String, Long> getDispatchers();

    /** @return code upgrades asked for since start, whatever their outcome */
    long getUpgrades();

    /** @return the last code upgrades, oldest first: {@code path from -> to: outcome (queued, pause)} */
    List<String> getRecentUpgrades();

    /**
     * Makes a dispatcher the default; actors that follow the default move at their next turn.
     *
     * @param name one of {@link #getDispatchers()}'s names
     */
    void useDispatcher(String name);

    /**
     * The paths of the live actors, in tree order; each answers on its own turn, within 2 s.
     *
     * @return the paths
     * @throws InterruptedException if interrupted while waiting
     */
    List<String> actorPaths() throws InterruptedException;

    /**
     * One actor's counters: received, processed, mailboxDepth, failures, restarts.
     *
     * @param path the actor's path
     * @return the counters
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if no live actor has that path
     */
    Map<String, Long> actorCounters(String path) throws InterruptedException;
}
