package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import java.util.ArrayDeque;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * The critical race of a live mailbox move: a producer sends two messages while the actor's
 * turn replaces its mailbox. The turn and the rescue are the runtime's own
 * {@link MailboxMoves}; {@link #send} is {@code ActorCell.enqueue}'s offer, re-read and
 * rescue. Afterwards the messages are read in the order the actor handles them: the moved
 * segment, then the overflow, then the new mailbox. Each must appear once, in the order
 * sent, with nothing stranded in the replaced queue.
 */
@JCStressTest
@Outcome(id = "m1 m2", expect = Expect.ACCEPTABLE, desc = "both handled once, in the sender's order")
@Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated, reordered or stranded")
@State
public class MailboxMoveStress {

    private final MailboxQueue<Object> old = new LinkedMailboxQueue<>();
    private final MailboxQueue<Object> fresh = new LinkedMailboxQueue<>();
    private volatile MailboxQueue<Object> mailbox = old;
    private final MailboxMoves moves = new MailboxMoves();
    private final ArrayDeque<Object> segment = new ArrayDeque<>();

    private void send(Object m) {
        MailboxQueue<Object> q = mailbox;
        q.offer(m);
        if (mailbox != q) {
            moves.rescue(q);
        }
    }

    @Actor
    public void producer() {
        send("m1");
        send("m2");
    }

    @Actor
    public void turn() {
        moves.replace(() -> mailbox = fresh, old, null, segment);
    }

    @Arbiter
    public void handledOrder(L_Result r) {
        StringBuilder order = new StringBuilder();
        for (Object m : segment) {
            append(order, m);
        }
        Object m;
        while ((m = moves.overflow.poll()) != null) {
            append(order, m);
        }
        while ((m = fresh.poll()) != null) {
            append(order, m);
        }
        if (!old.isEmpty()) {
            append(order, "stranded");
        }
        r.r1 = order.toString();
    }

    private static void append(StringBuilder order, Object m) {
        if (order.length() > 0) {
            order.append(' ');
        }
        order.append(m);
    }
}
