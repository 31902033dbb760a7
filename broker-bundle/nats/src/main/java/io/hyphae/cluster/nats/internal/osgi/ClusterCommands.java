package io.hyphae.cluster.nats.internal.osgi;

import io.hyphae.cluster.nats.ClusterMetrics;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.internal.NatsNode;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The cluster's Gogo command, {@code hyphae:cluster}: this node, the nodes it sees, the
 * exported actors, the cluster topics, traffic and errors. Present whether or not the
 * cluster is configured, so it can say how to configure it.
 */
@Component(service = ClusterCommands.class,
        property = {"osgi.command.scope=hyphae", "osgi.command.function=cluster"})
public final class ClusterCommands {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NatsCluster cluster;

    /** For SCR. */
    public ClusterCommands() {
    }

    /**
     * The cluster as this node sees it.
     *
     * @return the text
     */
    public String cluster() {
        NatsCluster c = cluster;
        NatsNode n = c instanceof ClusterComponent cc ? cc.current() : null;
        if (n == null) {
            return "not in a cluster: put the settings in conf/" + NatsCluster.PID + ".cfg (conf/"
                    + NatsCluster.PID + ".cfg.example shows them)\n";
        }
        ClusterMetrics m = n.metrics();
        StringBuilder sb = new StringBuilder();
        field(sb, "node", n.node() + (m.connected() ? " (connected to " + n.connectedUrl() + ")" : " (reconnecting)"));
        field(sb, "cluster topics", n.topicPatterns().isEmpty() ? "none" : String.join(", ", n.topicPatterns()));
        field(sb, "other nodes", n.nodes().isEmpty() ? "none" : String.join(", ", n.nodes()));
        field(sb, "topics", "sent " + m.forwarded() + ", received " + m.received());
        field(sb, "actors", "sent " + m.remoteSent() + ", received " + m.remoteReceived());
        field(sb, "errors", "undecodable " + m.undecodable() + ", not sent " + m.forwardFailures()
                + ", dead letters " + m.remoteDeadLetters() + ", dropped " + m.dropped());
        sb.append('\n').append("EXPORTED NAME -> NODE\n");
        for (Map.Entry<String, String> e : n.exports().entrySet()) {
            sb.append(e.getKey()).append(" -> ").append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(String.format("%-15s %s%n", name, value));
    }
}
