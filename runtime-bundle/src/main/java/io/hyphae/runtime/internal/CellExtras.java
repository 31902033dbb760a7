package io.hyphae.runtime.internal;

import java.util.ArrayDeque;
import org.slf4j.Logger;

/**
 * The state of a cell that most actors never need, allocated on first use so that an idle
 * actor stays small. Confined to the cell's turn except where a field says otherwise.
 */
final class CellExtras {
    /** Children, oldest first. */
    SiblingList children;
    /** Watches in both directions; null until the first watch. */
    DeathWatch watch;
    /** Active timers; null until the first timer. */
    CellTimers timers;
    /** Why the instance went down, while waiting for the children before a restart. */
    Throwable restartCause;
    Logger log;
    /** Drained but not yet handled; handled before the mailbox. */
    ArrayDeque<Object> stash;
    /** The actor's own stash ({@code ActorContext.stash}); null until first asked for. */
    UserStash<?> userStash;
    /** Unstashed by the actor, not yet handled again; handled before everything else. */
    ArrayDeque<Object> replay;
    /** Read by metrics from any thread. */
    volatile int failures;
    volatile int restarts;
    long discarded;
    /** The version of the running code, set by an upgrade; null before the first. */
    String version;
    /** Loaders of code that upgrades replaced, while any is alive; see {@link ReplacedCode}. */
    ReplacedCode replaced;
    /** The factory named at spawn or by a single-actor swap; null follows the preference. */
    String pinned;
    /** Created by the first move, before the new mailbox is published; never replaced. Producers read it. */
    volatile MailboxMoves moves;
    /** Messages moved out of replaced mailboxes, oldest mailbox first. */
    ArrayDeque<ArrayDeque<Object>> moved;
}
