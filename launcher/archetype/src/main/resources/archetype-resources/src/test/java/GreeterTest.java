package ${package};

import io.hyphae.api.ActorRef;
import io.hyphae.testkit.ActorTestKit;
import io.hyphae.testkit.BehaviorTestKit;
import io.hyphae.testkit.HyphaeTest;
import io.hyphae.testkit.TestInbox;
import io.hyphae.testkit.TestProbe;
import org.junit.jupiter.api.Test;

/** Unit tests on the Hyphae testkit: no container needed. */
@HyphaeTest
class GreeterTest {

    @Test
    void greets(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        ActorRef<Greeter.Greet> greeter = kit.spawn(Greeter::actor, "greeter");
        greeter.tell(new Greeter.Greet("ann", probe.ref()));
        probe.expectMessage("hello, ann");
        kit.stop(greeter); // the extension fails a test that leaves actors alive
    }

    @Test
    void theAuditCountsWhatItSees() throws Exception {
        BehaviorTestKit<Object> audit = BehaviorTestKit.create(ctx -> new Audit.Counter());
        TestInbox<Integer> inbox = new TestInbox<>();
        audit.run("ann");
        audit.run("bob");
        audit.run(new Audit.Count(inbox.ref()));
        inbox.expectMessage(2);
    }
}
