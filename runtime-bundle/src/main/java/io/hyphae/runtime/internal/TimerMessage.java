package io.hyphae.runtime.internal;

import io.hyphae.api.DeadLetter;
import io.hyphae.api.MailboxFullException;
import io.hyphae.api.time.Cancellable;

/**
 * A timer's message on its way through the mailbox. The cell delivers it only if this
 * exact instance is still the timer registered under its key, so a cancelled or replaced
 * timer never delivers even when it fired before the cancel.
 */
final class TimerMessage extends Envelope implements Runnable {
    final ActorCell<?> cell;
    final Object key;
    final Object message;
    final boolean periodic;
    private volatile Cancellable future;

    TimerMessage(ActorCell<?> cell, Object key, Object message, boolean periodic) {
        this.cell = cell;
        this.key = key;
        this.message = message;
        this.periodic = periodic;
    }

    void schedule(Cancellable f) {
        future = f;
    }

    void cancel() {
        Cancellable f = future;
        if (f != null) {
            f.cancel();
        }
    }

    @Override
    Object open(ActorCell<?> c) {
        return c.acceptTimer(this) ? message : null;
    }

    /** Fires on the timer thread. */
    @Override
    public void run() {
        try {
            cell.enqueue(this);
        } catch (MailboxFullException e) {
            cell.system.deadLetters.post(message, cell, DeadLetter.Reason.MAILBOX_FULL);
        }
    }
}
