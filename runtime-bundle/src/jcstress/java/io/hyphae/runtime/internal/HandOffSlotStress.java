package io.hyphae.runtime.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The dispatchers' hand-off slot ({@link HandOffSlot}): the owning thread puts cells in while
 * other threads (a thief, the watch thread) and the owner's own spill take them out. Every
 * cell put in must come out exactly once, as taken or as displaced, and whoever takes a cell
 * must see what was written before it was put in.
 */
public final class HandOffSlotStress {

    private HandOffSlotStress() {
    }

    /** Counts how often each of {@code a} and {@code b} appears among {@code seen}. */
    private static void tally(II_Result r, Object a, Object b, Object... seen) {
        int na = 0;
        int nb = 0;
        for (Object o : seen) {
            if (o == a) {
                na++;
            } else if (o == b) {
                nb++;
            }
        }
        r.r1 = na;
        r.r2 = nb;
    }

    /** An empty slot and two cells to put in it. */
    abstract static class TwoCells {
        final HandOffSlot<Object> slot = new HandOffSlot<>();
        final Object a = "a";
        final Object b = "b";
    }

    /**
     * The slot holds {@code a}; the owner puts {@code b}, displacing whatever is there, while
     * another thread takes. r1, r2: how often {@code a} and {@code b} came out in total
     * (taken, displaced, or left in the slot). Two actors only: jcstress runs no test with
     * more actors than the machine has CPUs.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "each cell out exactly once")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a cell lost or run twice")
    @State
    public static class PutAgainstThief extends TwoCells {
        Object displaced;
        Object stolen;

        public PutAgainstThief() {
            slot.put(a);
        }

        @Actor
        public void owner() {
            displaced = slot.put(b);
        }

        @Actor
        public void thief() {
            stolen = slot.take();
        }

        @Arbiter
        public void check(II_Result r) {
            tally(r, a, b, displaced, stolen, slot.take());
        }
    }

    /**
     * Two threads take from a full slot at once (two thieves, or a thief and the watch
     * thread). r1: how often {@code a} came out (taken by either, or left).
     */
    @JCStressTest
    @Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "taken once")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost or taken twice")
    @State
    public static class TwoThieves {
        final HandOffSlot<Object> slot = new HandOffSlot<>();
        final Object a = "a";
        Object takenByC;
        Object takenByD;

        public TwoThieves() {
            slot.put(a);
        }

        @Actor
        public void thiefC() {
            takenByC = slot.take();
        }

        @Actor
        public void thiefD() {
            takenByD = slot.take();
        }

        @Arbiter
        public void check(I_Result r) {
            Object[] seen = {takenByC, takenByD, slot.take()};
            int n = 0;
            for (Object o : seen) {
                n += o == a ? 1 : 0;
            }
            r.r1 = n;
        }
    }

    /**
     * The owner fills an empty slot, then puts a second cell and spills (takes its own slot,
     * as a turn does before its next message), while a thief takes. r1, r2 as above.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "each cell out exactly once")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a cell lost or run twice")
    @State
    public static class PutSpillAgainstThief extends TwoCells {
        Object displaced;
        Object spilled;
        Object stolen;

        @Actor
        public void owner() {
            slot.put(a);
            displaced = slot.put(b);
            spilled = slot.take();
        }

        @Actor
        public void thief() {
            stolen = slot.take();
        }

        @Arbiter
        public void check(II_Result r) {
            tally(r, a, b, displaced, spilled, stolen, slot.take());
        }
    }

    /**
     * The slot holds {@code a}; the owner puts {@code b} only if the slot is empty (a fair
     * reschedule), while a thief takes. r1: how often {@code a} came out; r2: how often
     * {@code b} came out, minus one if the owner was told it was put in (so 0 either way).
     */
    @JCStressTest
    @Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "a out once; b out exactly when it went in")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a cell lost, run twice, or put in without the owner knowing")
    @State
    public static class PutIfEmptyAgainstThief extends TwoCells {
        boolean putIn;
        Object stolen;

        public PutIfEmptyAgainstThief() {
            slot.put(a);
        }

        @Actor
        public void owner() {
            putIn = slot.putIfEmpty(b);
        }

        @Actor
        public void thief() {
            stolen = slot.take();
        }

        @Arbiter
        public void check(II_Result r) {
            tally(r, a, b, stolen, slot.take());
            r.r2 -= putIn ? 1 : 0;
        }
    }

    /** What the owner writes before putting a cell in. */
    static final class Payload {
        int state;
    }

    /**
     * The owner writes a cell's state and puts the cell in an empty slot; a thief that takes
     * it must see the write. r1: the state the thief read, or -1 if it took nothing.
     */
    @JCStressTest
    @Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "taken, and the write seen")
    @Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "nothing to take yet")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "taken without the owner's write")
    @State
    public static class TakerSeesOwnersWrites {
        final HandOffSlot<Payload> slot = new HandOffSlot<>();

        @Actor
        public void owner() {
            Payload p = new Payload();
            p.state = 1;
            slot.put(p);
        }

        @Actor
        public void thief(I_Result r) {
            Payload p = slot.take();
            r.r1 = p == null ? -1 : p.state;
        }
    }
}
