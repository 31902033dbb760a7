package io.hyphae.runtime.internal.shell;

import io.hyphae.api.ActorRef;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.SystemMetrics;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.runtime.internal.ActorSnapshot;
import io.hyphae.runtime.internal.RuntimeAdmin;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The runtime's {@code hyphae} commands of the Gogo shell (the broker and supervision
 * bundles add their own). Each returns the text to print; a bad
 * argument throws {@link IllegalArgumentException} with a message naming what exists.
 * Everything is read on demand: nothing here costs anything while no one types.
 */
public final class HyphaeShell {

    /** The command names, for the {@code osgi.command.function} service property. */
    public static final String[] FUNCTIONS = {"actors", "actor", "tell", "mailboxes", "swap", "deadletters",
        "metrics", "dispatchers", "dispatcher", "await", "upgrades"};

    private static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ROWS = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final RuntimeAdmin system;

    /**
     * Commands over one system.
     *
     * @param system the system
     */
    public HyphaeShell(RuntimeAdmin system) {
        this.system = system;
    }

    /**
     * The actor tree: state, mailbox, queued messages, processed messages and restarts.
     *
     * @return the table
     * @throws InterruptedException if interrupted while the actors answer
     */
    public String actors() throws InterruptedException {
        List<ActorSnapshot> all = system.inspect(INSPECT_TIMEOUT);
        Table t = new Table("ACTOR", "STATE", "MAILBOX", "DEPTH", "PROCESSED", "RESTARTS", "CHILDREN");
        for (ActorSnapshot a : all) {
            if (t.size() == MAX_ROWS) {
                break;
            }
            String path = a.path();
            String name = a.level() == 0 ? path : path.substring(path.lastIndexOf('/') + 1);
            t.row("  ".repeat(a.level()) + name, a.state(), a.metrics().mailbox(), a.metrics().mailboxDepth(),
                    a.metrics().processed(), a.metrics().restarts(), a.children());
        }
        StringBuilder sb = new StringBuilder(t.toString());
        long live = system.metrics().liveActors();
        sb.append(all.size()).append(" actors answered");
        if (all.size() > MAX_ROWS) {
            sb.append(", the first ").append(MAX_ROWS).append(" shown");
        }
        if (live > all.size()) {
            sb.append("; ").append(live - all.size()).append(" more are starting, stopping or busy for over ")
                    .append(INSPECT_TIMEOUT.toSeconds()).append(" s");
        }
        return sb.append('\n').toString();
    }

    /**
     * One actor in detail.
     *
     * @param path the actor's path, as {@code actors} lists it
     * @return the details
     * @throws InterruptedException if interrupted while the actor answers
     */
    public String actor(String path) throws InterruptedException {
        ActorSnapshot a = find(path);
        Table t = new Table("FIELD", "VALUE");
        t.row("path", a.path());
        t.row("state", a.state());
        t.row("mailbox", a.metrics().mailbox() + (a.pinned() == null ? "" : " (pinned)"));
        t.row("mailbox shape", a.mailboxSpec());
        t.row("queued", a.metrics().mailboxDepth());
        t.row("received", a.metrics().received());
        t.row("processed", a.metrics().processed());
        t.row("failures", a.metrics().failures());
        t.row("restarts", a.metrics().restarts());
        t.row("children", a.children());
        t.row("throughput", a.throughput() + " per turn");
        return t.toString();
    }

    /**
     * Waits until every actor path is running (spawned, started, not restarting): for scripts
     * that must not race with bundles that are still starting.
     *
     * @param args {@code [--timeout SECONDS] PATH...}; the timeout is 30 s unless given
     * @return the paths, once all are running
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if an argument is bad, or a path is not running in time
     */
    public String await(String... args) throws InterruptedException {
        long seconds = 30;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--timeout")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--timeout needs a number of seconds");
                }
                try {
                    seconds = Long.parseLong(args[++i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--timeout needs a number of seconds, not '" + args[i] + "'");
                }
                if (seconds <= 0) {
                    throw new IllegalArgumentException("--timeout must be positive, was " + seconds);
                }
            } else {
                paths.add(strip(args[i]));
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("usage: hyphae:await [--timeout SECONDS] PATH...");
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        for (String p : paths) {
            String state = "absent";
            while (!"running".equals(state = stateOf(p))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalArgumentException("actor '" + p + "' is not running after " + seconds
                            + " s (" + state + ")");
                }
                Thread.sleep(20);
            }
        }
        return "running: " + String.join(", ", paths) + " (waited "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms)\n";
    }

    private String stateOf(String path) throws InterruptedException {
        if (system.find(path).isEmpty()) {
            return "absent";
        }
        for (ActorSnapshot a : system.inspect(INSPECT_TIMEOUT)) {
            if (a.path().equals(path)) {
                return a.state();
            }
        }
        return "absent";
    }

    private ActorSnapshot find(String path) throws InterruptedException {
        String p = strip(path);
        for (ActorSnapshot a : system.inspect(INSPECT_TIMEOUT)) {
            if (a.path().equals(p)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no live actor at '" + p + "'; type 'hyphae:actors' to list them");
    }

    private static String strip(String path) {
        String p = path.trim();
        return p.startsWith("/") ? p.substring(1) : p;
    }

    /**
     * Sends text to a named actor.
     *
     * @param path the actor's path
     * @param words the message, joined with single spaces and sent as a {@code String}
     * @return what was sent
     */
    public String tell(String path, String... words) {
        if (words.length == 0) {
            throw new IllegalArgumentException("usage: tell PATH TEXT...");
        }
        String p = strip(path);
        ActorRef<Object> ref = system.<Object>find(p).orElseThrow(() -> new IllegalArgumentException(
                "no live named actor at '" + p + "'; type 'hyphae:actors' to list them"));
        String text = String.join(" ", words);
        ref.tell(text);
        return "sent \"" + text + "\" to " + ref.path() + "\n";
    }

    /**
     * The mailbox factories, which one new actors get, and how many actors use each.
     *
     * @return the table
     * @throws InterruptedException if interrupted while the actors answer
     */
    public String mailboxes() throws InterruptedException {
        Map<String, Integer> inUse = new TreeMap<>();
        for (ActorSnapshot a : system.inspect(INSPECT_TIMEOUT)) {
            inUse.merge(a.metrics().mailbox(), 1, Integer::sum);
        }
        String preferred = system.metrics().mailboxFactory();
        Table t = new Table("FACTORY", "RANKING", "CAPABILITIES", "ACTORS", "DEFAULT");
        for (MailboxFactory f : system.availableMailboxFactories()) {
            t.row(f.name(), f.ranking(), f.capabilities().toString().toLowerCase(Locale.ROOT)
                    .replace(" ", ""), inUse.getOrDefault(f.name(), 0), f.name().equals(preferred) ? "*" : "");
        }
        return t + "moves " + system.mailboxMoves() + ", rescued offers " + system.mailboxRescues() + "\n";
    }

    /**
     * Moves every actor that is not pinned to another factory onto {@code factory}, between
     * two of its messages, losing none.
     *
     * @param factory the factory's name
     * @return how many actors moved
     * @throws Exception if the move did not finish in 30 s
     */
    public String swap(String factory) throws Exception {
        int moved;
        try {
            moved = await(system.swapMailboxes(factory.trim()));
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return "moved " + moved + " actors to '" + factory.trim() + "'\n";
    }

    /**
     * The dispatchers: which is the default, whether this system has started it, its
     * threads and the messages its turns handled.
     *
     * @return the table
     */
    public String dispatchers() {
        Table t = new Table("DISPATCHER", "DEFAULT", "THREADS", "PROCESSED", "DESCRIPTION");
        for (RuntimeAdmin.DispatcherInfo d : system.dispatcherInfo()) {
            String threads = !d.started() ? "-" : d.threads() < 0 ? "virtual" : Integer.toString(d.threads());
            t.row(d.name(), d.isDefault() ? "*" : "", threads, d.processed(), d.description());
        }
        return t.toString();
    }

    /**
     * Makes {@code name} the default dispatcher: every actor not pinned to another moves
     * there at its next turn, losing no message.
     *
     * @param name the dispatcher's name
     * @return what happened
     */
    public String dispatcher(String name) {
        try {
            system.useDispatcher(name.trim());
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return "default dispatcher is now '" + system.defaultDispatcher() + "'; actors move at their next turn\n";
    }

    /**
     * The dead-letter count and the most recent dead letters.
     *
     * @return the table
     */
    public String deadletters() {
        Table t = new Table("TIME", "REASON", "RECIPIENT", "MESSAGE");
        for (RuntimeAdmin.RecentDeadLetter r : system.recentDeadLetters()) {
            DeadLetter d = r.letter();
            t.row(TIME.format(Instant.ofEpochMilli(r.epochMillis())), d.reason(), d.recipient().path(),
                    describe(d.message()));
        }
        StringBuilder reasons = new StringBuilder();
        system.deadLettersByReason().forEach((reason, n) -> {
            if (n > 0) {
                reasons.append(reasons.length() == 0 ? " (" : ", ").append(reason).append(' ').append(n);
            }
        });
        return t + "dead letters since start: " + system.metrics().deadLetters()
                + (reasons.length() == 0 ? "" : reasons + ")") + "\n";
    }

    /**
     * The last code upgrades: when, which actor, from and to which version, messages queued,
     * the pause on the actor's turn and the outcome.
     *
     * @return the table
     */
    public String upgrades() {
        Table t = new Table("TIME", "ACTOR", "FROM", "TO", "QUEUED", "PAUSE", "OUTCOME");
        for (RuntimeAdmin.UpgradeRecord r : system.recentUpgrades()) {
            t.row(TIME.format(Instant.ofEpochMilli(r.epochMillis())), r.path(), r.fromVersion(), r.toVersion(),
                    r.queued(), (r.pause().toNanos() / 1000) + " µs", describe(r.outcome()));
        }
        return t + "upgrades since start: " + system.upgradesTotal() + "\n";
    }

    private static String describe(Object message) {
        String s;
        try {
            s = String.valueOf(message);
        } catch (RuntimeException e) {
            s = message.getClass().getName();
        }
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /**
     * The system's counters.
     *
     * @return the table
     */
    public String metrics() {
        SystemMetrics m = system.metrics();
        Table t = new Table("METRIC", "VALUE");
        t.row("system", m.name());
        t.row("dispatcher threads", m.dispatcherThreads());
        t.row("default throughput", system.defaultThroughput());
        t.row("live actors", m.liveActors());
        t.row("spawned", m.spawned());
        t.row("processed", m.processed());
        t.row("dead letters", m.deadLetters());
        t.row("failures", m.failures());
        t.row("restarts", m.restarts());
        t.row("default mailbox", m.mailboxFactory());
        t.row("mailbox moves", system.mailboxMoves());
        t.row("rescued offers", system.mailboxRescues());
        return t.toString();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return await(stage, COMMAND_TIMEOUT);
    }

    private static <T> T await(CompletionStage<T> stage, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
