package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxSpec;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * The critical race of a live mailbox move: a producer sends two messages (the real
 * {@code CellInbox.enqueue}, with its re-read and rescue) while the actor's turn replaces
 * its mailbox (the real {@code CellInbox.swapTo}). Afterwards the cell handles what is
 * pending in its own order (moved segment, overflow, stash, new mailbox): each message
 * once, in the order sent; a message stranded in the replaced queue never shows up.
 */
@JCStressTest
@Outcome(id = "[m1, m2]", expect = Expect.ACCEPTABLE, desc = "both handled once, in the sender's order")
@Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated, reordered or stranded")
@State
public class MailboxMoveStress {

    private final ProbeCell cell = new ProbeCell(new BuiltinMailboxFactory(), MailboxSpec.unbounded());

    @Actor
    public void producer() {
        cell.send("m1");
        cell.send("m2");
    }

    @Actor
    public void turn() {
        cell.moveTo(new BuiltinMailboxFactory());
    }

    @Arbiter
    public void handledOrder(L_Result r) {
        r.r1 = cell.handleAll().toString();
    }
}
