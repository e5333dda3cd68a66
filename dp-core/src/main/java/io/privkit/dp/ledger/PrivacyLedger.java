package io.privkit.dp.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.NeighboringRelation;
import io.privkit.dp.accounting.RdpAccountant;
import io.privkit.dp.accounting.RenyiCost;
import io.privkit.dp.accounting.RenyiFilterMath;
import io.privkit.evidence.DpEventDescription;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.json.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A durable privacy-budget ledger: every spend is reserved and committed to a database before the
 * noisy result it pays for may be computed or released, spends that would exceed the budget are
 * refused, and the record is hash-chained so that edits are detectable.
 *
 * <pre>{@code
 * try (PrivacyLedger ledger = PrivacyLedger.open(LedgerLocation.sqlite(Path.of("budget.db")))) {
 *     double mean = ledger.release("mean income", agg.event(), () -> agg.compute(Randomness.secure())).value();
 * }
 * }</pre>
 *
 * <p><b>Storage.</b> One SQLite file by default (WAL journal, {@code synchronous=FULL}, immediate
 * write transactions), or PostgreSQL by JDBC URL for budgets shared across machines (the head row
 * locked with {@code SELECT ... FOR UPDATE}); the same two tables and the same contract test suite.
 * A spend is one transaction that appends the entry and moves the head, so a crash at any point
 * leaves either the whole spend or none of it; since the spend is committed before the noisy
 * result is computed, a crash after the commit over-counts, which is the safe side. Concurrent
 * spenders in several processes are serialised by the database lock, so they never overspend
 * together.
 *
 * <p><b>Composition, valid for adaptively chosen spends.</b> Each spend may be chosen after seeing
 * earlier results, so the ledger uses a privacy filter, not plain composition:
 * <ul>
 *   <li>a <em>Rényi filter</em> over a fixed set A of m orders (V. Feldman and T. Zrnic,
 *       "Individual Privacy Accounting via a Rényi Filter", NeurIPS 2021): for each α,
 *       exp((α−1)(L<sub>t</sub> − Σ<sub>s≤t</sub> ρ<sub>s</sub>(α))) is a non-negative supermartingale of
 *       the privacy loss L<sub>t</sub> (each spend's Rényi DP bounds its conditional moment), so at any
 *       stopping time up to which Σρ(α) ≤ B<sub>α</sub>, E[e<sup>(α−1)L</sup>] ≤ e<sup>(α−1)B<sub>α</sub></sup>; that
 *       moment bound alone gives δ<sub>α</sub>(ε) by the conversion of Canonne, Kamath and Steinke (2020,
 *       Proposition 12), and B<sub>α</sub> is set so that δ<sub>α</sub>(ε − 2η*) = δ'/m. A spend is accepted
 *       while some order stays within its bound; splitting the outcomes by the first order still
 *       within bound at the end, δ(ε) ≤ Σ<sub>α</sub> δ<sub>α</sub> ≤ δ' (the construction of M. Lécuyer,
 *       "Practical Privacy Filters and Odometers with Rényi Differential Privacy", 2021, with this
 *       conversion);</li>
 *   <li>the slack of implemented samplers ({@link DpEvent.SamplerSlack}) is held within fixed
 *       allowances η*, τ* for the whole ledger, and δ' = (δ − (1 + e<sup>ε</sup>)τ*)/e<sup>η*</sup>;</li>
 *   <li>while every spend is pure ε-DP, basic composition applies instead whenever it is tighter:
 *       the privacy loss is then at most Σε<sub>i</sub> surely (R. Rogers, A. Roth, J. Ullman and
 *       S. Vadhan, "Privacy Odometers and Filters: Pay-as-you-Go Composition", NeurIPS 2016).</li>
 * </ul>
 * The ledger's spent ε is the smallest budget ε at which the current totals would still be
 * accepted. It is larger than a non-adaptive accountant's ε for the same events (the price of
 * adaptivity and of the union bound); an evidence record reports both.
 *
 * <p><b>Audit.</b> Each entry stores its event tree (re-account it with any tool), its cost in the
 * filter's terms and the spent ε before and after, chained by SHA-256 from a genesis hash of the
 * ledger's identity and configuration. {@link #verify()} recomputes every hash, every cost from its
 * event and every total.
 *
 * <p>Thread-safe (methods are synchronised); processes coordinate through the database.
 */
public final class PrivacyLedger implements AutoCloseable {
    /** How spends compose, as evidence records state it. */
    public static final String COMPOSITION_THEOREM = "Renyi filter over a fixed set of orders (Feldman and Zrnic, NeurIPS 2021), "
            + "each order's budget from the Canonne-Kamath-Steinke conversion at delta/m, summed over the m orders, "
            + "plus fixed sampler-slack allowances; basic composition while every spend is pure epsilon-DP (Rogers, Roth, Ullman "
            + "and Vadhan, NeurIPS 2016); valid for adaptively chosen spends";
    static final int SCHEMA_VERSION = 1;
    private static final String META = "privkit_ledger_meta";
    private static final String ENTRIES = "privkit_ledger_entries";

    private final LedgerLocation location;
    private final Connection connection;
    private final String ledgerId;
    private final LedgerConfig config;
    private final Instant createdAt;
    private final String genesisHash;
    private final RdpAccountant accountant;
    private final double[] orders;
    private final Clock clock;
    private final boolean headerIntact;
    private boolean closed;

    private PrivacyLedger(LedgerLocation location, Connection connection, String ledgerId, LedgerConfig config,
                          Instant createdAt, String genesisHash, Clock clock) {
        this.location = location;
        this.connection = connection;
        this.ledgerId = ledgerId;
        this.config = config;
        this.createdAt = createdAt;
        this.genesisHash = genesisHash;
        this.accountant = RdpAccountant.withDefaults().with(config.relation());
        this.orders = config.orderArray();
        this.clock = clock;
        this.headerIntact = genesisHash.equals(sha(ledgerId + "\n" + configJson(config) + "\n" + createdAt));
    }

    // ------------------------------------------------------------------ opening

    /**
     * Creates a new, empty ledger at the location.
     *
     * @throws IllegalStateException if a ledger already exists there
     * @throws UncheckedIOException  if the database cannot be reached or written
     */
    public static PrivacyLedger create(LedgerLocation location, LedgerConfig config) {
        return create(location, config, Clock.systemUTC());
    }

    /** {@link #create(LedgerLocation, LedgerConfig)} with the clock that stamps entries. */
    public static PrivacyLedger create(LedgerLocation location, LedgerConfig config, Clock clock) {
        Checks.requireNonNull(location, "location");
        Checks.requireNonNull(config, "config");
        Checks.requireNonNull(clock, "clock");
        if (location.kind() == LedgerLocation.Kind.SQLITE) {
            Path parent = Path.of(location.url().substring("jdbc:sqlite:".length())).toAbsolutePath().getParent();
            try {
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException("ledger " + location + ": could not create its folder " + parent
                        + ": " + e.getMessage() + ". Check the path and permissions.", e));
            }
        }
        Connection c = connect(location, true);
        try {
            begin(c, location, true);
            if (tableExists(c, META)) {
                rollback(c, location);
                throw new IllegalStateException("ledger location " + location + " must be free for a new ledger; got an existing "
                        + "ledger there. Open it with 'privkit ledger status', or choose another location.");
            }
            String id = UUID.randomUUID().toString();
            Instant now = clock.instant();
            String configJson = configJson(config);
            String genesis = sha(id + "\n" + configJson + "\n" + now);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + META + " (id INTEGER PRIMARY KEY, ledger_id TEXT NOT NULL, name TEXT NOT NULL, "
                        + "config_json TEXT NOT NULL, created_at TEXT NOT NULL, schema_version INTEGER NOT NULL, "
                        + "genesis_hash TEXT NOT NULL, entry_count BIGINT NOT NULL, head_hash TEXT NOT NULL, totals_json TEXT NOT NULL)");
                s.execute("CREATE TABLE " + ENTRIES + " (seq BIGINT PRIMARY KEY, created_at TEXT NOT NULL, label TEXT NOT NULL, "
                        + "event_json TEXT NOT NULL, cost_json TEXT NOT NULL, spent_before DOUBLE PRECISION NOT NULL, "
                        + "spent_after DOUBLE PRECISION NOT NULL, prev_hash TEXT NOT NULL, entry_hash TEXT NOT NULL)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + META + " (id, ledger_id, name, config_json, created_at, "
                    + "schema_version, genesis_hash, entry_count, head_hash, totals_json) VALUES (1, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
                p.setString(1, id);
                p.setString(2, config.name());
                p.setString(3, configJson);
                p.setString(4, now.toString());
                p.setInt(5, SCHEMA_VERSION);
                p.setString(6, genesis);
                p.setString(7, genesis);
                p.setString(8, Totals.zero(config.orders().size()).json());
                p.executeUpdate();
            }
            commit(c, location);
            return new PrivacyLedger(location, c, id, config, now, genesis, clock);
        } catch (SQLException e) {
            closeQuietly(c);
            throw storage(location, "could not create the ledger", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Opens an existing ledger.
     *
     * @throws IllegalArgumentException if there is no ledger at the location
     * @throws UncheckedIOException     if the database cannot be reached
     */
    public static PrivacyLedger open(LedgerLocation location) {
        return open(location, Clock.systemUTC());
    }

    /** {@link #open(LedgerLocation)} with the clock that stamps entries. */
    public static PrivacyLedger open(LedgerLocation location, Clock clock) {
        Checks.requireNonNull(location, "location");
        Checks.requireNonNull(clock, "clock");
        if (location.kind() == LedgerLocation.Kind.SQLITE) {
            Path file = Path.of(location.url().substring("jdbc:sqlite:".length()));
            if (!Files.isRegularFile(file)) {
                throw Checks.argument("ledger").mustBe("an existing ledger file").got(file.toString())
                        .fix("Create it first: 'privkit ledger create --ledger " + file + " --epsilon E --delta D'.").exception();
            }
        }
        Connection c = connect(location, false);
        try {
            begin(c, location, false);
            if (!tableExists(c, META)) {
                throw Checks.argument("ledger").mustBe("a Privkit ledger").got(location.redacted())
                        .fix("Create one with 'privkit ledger create', or check the location.").exception();
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT ledger_id, config_json, created_at, schema_version, genesis_hash FROM "
                         + META + " WHERE id = 1")) {
                if (!r.next()) {
                    throw new IllegalStateException("ledger at " + location + " has no header row; it is corrupt. Run 'privkit ledger verify'.");
                }
                int version = r.getInt(4);
                if (version != SCHEMA_VERSION) {
                    throw Checks.argument("ledger schema version").mustBe(String.valueOf(SCHEMA_VERSION)).got(version)
                            .fix("Use the Privkit version that created this ledger.").exception();
                }
                LedgerConfig config = parseConfig(r.getString(2));
                PrivacyLedger l = new PrivacyLedger(location, c, r.getString(1), config, Instant.parse(r.getString(3)),
                        r.getString(5), clock);
                r.close();
                commit(c, location);
                return l;
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw storage(location, "could not open the ledger", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static Connection connect(LedgerLocation location, boolean creating) {
        try {
            Connection c;
            if (location.kind() == LedgerLocation.Kind.SQLITE) {
                org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
                cfg.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
                cfg.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.FULL);
                cfg.setBusyTimeout(120_000);
                c = cfg.createConnection(location.url());
                c.setAutoCommit(true);   // transactions are begun explicitly: BEGIN IMMEDIATE for writes
            } else {
                c = DriverManager.getConnection(location.url());
                c.setAutoCommit(false);
            }
            return c;
        } catch (SQLException e) {
            throw storage(location, creating ? "could not create the ledger" : "could not open the ledger", e);
        }
    }

    /**
     * Begins a transaction. SQLite: BEGIN IMMEDIATE takes the database's write lock at once (so a
     * spend's read of the head and its append are atomic against other processes), BEGIN DEFERRED
     * gives readers a consistent snapshot. PostgreSQL: transactions are implicit; writers lock the
     * head row with SELECT ... FOR UPDATE.
     */
    private static void begin(Connection c, LedgerLocation location, boolean write) throws SQLException {
        if (location.kind() == LedgerLocation.Kind.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
            }
        }
    }

    private static void commit(Connection c, LedgerLocation location) throws SQLException {
        if (location.kind() == LedgerLocation.Kind.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
        } else {
            c.commit();
        }
    }

    private static void rollback(Connection c, LedgerLocation location) throws SQLException {
        if (location.kind() == LedgerLocation.Kind.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException e) {
                if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                    throw e;
                }
            }
        } else {
            c.rollback();
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet r = c.getMetaData().getTables(null, null, table, null)) {
            return r.next();
        }
    }

    // ------------------------------------------------------------------ spending

    /**
     * Records a spend durably, or refuses it. Call it before computing the noisy result: once this
     * returns, the spend is committed and counts whatever happens next.
     *
     * @param label what the spend is for, e.g. "mean income 2026-Q3"
     * @param event what it costs
     * @return the committed entry
     * @throws BudgetExceededException   if the budget would be exceeded (nothing is recorded)
     * @throws IllegalArgumentException  if the event cannot be composed by the filter (an (ε, δ)
     *                                   event with δ &gt; 0, or unsupported sampling)
     * @throws UncheckedIOException      if the database fails (nothing is recorded)
     */
    public synchronized LedgerEntry reserve(String label, DpEvent event) {
        requireOpen();
        Checks.requireNonBlank(label, "label");
        Checks.requireNonNull(event, "event");
        if (label.length() > 500) {
            throw Checks.argument("label").mustBe("at most 500 characters").got(label.length() + " characters").noFix().exception();
        }
        if (!headerIntact) {
            throw new IllegalStateException("ledger " + config.name() + " refuses spends: its header does not match its genesis "
                    + "hash (the budget or configuration was edited). Run 'privkit ledger verify' and restore it from a backup.");
        }
        RenyiCost cost = accountant.cost(event, orders);
        String eventJson = eventJson(event);
        String costJson = costJson(cost);
        try {
            begin(connection, location, true);
            Head head = lockHead();
            Totals after = head.totals.plus(cost);
            double spentBefore = spent(head.totals, head.count);
            if (!accepts(after)) {
                rollback(connection, location);
                throw new BudgetExceededException(config.name(), label, spentBefore, spent(after, head.count + 1),
                        config.epsilon(), config.delta());
            }
            double spentAfter = spent(after, head.count + 1);
            Instant now = clock.instant();
            String hash = entryHash(head.hash, head.count, now.toString(), label, eventJson, costJson, spentBefore, spentAfter);
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO " + ENTRIES + " (seq, created_at, label, event_json, "
                    + "cost_json, spent_before, spent_after, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, head.count);
                p.setString(2, now.toString());
                p.setString(3, label);
                p.setString(4, eventJson);
                p.setString(5, costJson);
                p.setDouble(6, spentBefore);
                p.setDouble(7, spentAfter);
                p.setString(8, head.hash);
                p.setString(9, hash);
                p.executeUpdate();
            }
            try (PreparedStatement p = connection.prepareStatement("UPDATE " + META
                    + " SET entry_count = ?, head_hash = ?, totals_json = ? WHERE id = 1 AND entry_count = ?")) {
                p.setLong(1, head.count + 1);
                p.setString(2, hash);
                p.setString(3, after.json());
                p.setLong(4, head.count);
                if (p.executeUpdate() != 1) {
                    throw new SQLException("the ledger head moved during the spend");
                }
            }
            commit(connection, location);
            return new LedgerEntry(head.count, now, label, event, cost, spentBefore, spentAfter, hash);
        } catch (SQLException e) {
            rollbackQuietly();
            throw storage(location, "could not record the spend \"" + label + "\" (nothing was recorded)", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * Reserves the spend, then runs the computation that the spend pays for, and returns its
     * result. The computation runs only after the spend is durably committed; if it fails, the
     * spend still counts.
     */
    public <T> T release(String label, DpEvent event, Supplier<T> computation) {
        Checks.requireNonNull(computation, "computation");
        reserve(label, event);
        return computation.get();
    }

    /** Whether a spend of this event would be accepted now (nothing is recorded). */
    public synchronized boolean wouldAccept(DpEvent event) {
        requireOpen();
        RenyiCost cost = accountant.cost(Checks.requireNonNull(event, "event"), orders);
        try {
            begin(connection, location, false);
            Head head = readHead();
            commit(connection, location);
            return accepts(head.totals.plus(cost));
        } catch (SQLException e) {
            rollbackQuietly();
            throw storage(location, "could not read the ledger", e);
        }
    }

    private boolean accepts(Totals t) {
        boolean pure = t.pure != null && t.pure <= config.epsilon();
        boolean renyi = t.eta <= config.slackEpsilon() && t.tau <= config.slackDelta()
                && RenyiFilterMath.accepts(orders, t.rdp, config.epsilon(), config.delta(), config.slackEpsilon(), config.slackDelta());
        return pure || renyi;
    }

    private double spent(Totals t, long count) {
        if (count == 0) {
            return 0;
        }
        double renyi = t.eta <= config.slackEpsilon() && t.tau <= config.slackDelta()
                ? RenyiFilterMath.spent(orders, t.rdp, config.epsilon(), config.delta(), config.slackEpsilon(), config.slackDelta())
                : Double.POSITIVE_INFINITY;
        return t.pure != null ? Math.min(t.pure, renyi) : renyi;
    }

    // ------------------------------------------------------------------ reading

    /** Where the ledger stands. */
    public synchronized LedgerStatus status() {
        requireOpen();
        try {
            begin(connection, location, false);
            Head head = readHead();
            commit(connection, location);
            double spent = spent(head.totals, head.count);
            return new LedgerStatus(ledgerId, config.name(), location.redacted(), config.epsilon(), config.delta(), spent,
                    Math.max(0, config.epsilon() - spent), head.count, COMPOSITION_THEOREM, head.hash);
        } catch (SQLException e) {
            rollbackQuietly();
            throw storage(location, "could not read the ledger", e);
        }
    }

    /** Every spend, oldest first. */
    public synchronized List<LedgerEntry> history() {
        requireOpen();
        List<LedgerEntry> out = new ArrayList<>();
        try {
            begin(connection, location, false);
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT seq, created_at, label, event_json, cost_json, spent_before, spent_after, "
                         + "entry_hash FROM " + ENTRIES + " ORDER BY seq")) {
                while (r.next()) {
                    out.add(new LedgerEntry(r.getLong(1), Instant.parse(r.getString(2)), r.getString(3), parseEvent(r.getString(4)),
                            parseCost(r.getString(5)), r.getDouble(6), r.getDouble(7), r.getString(8)));
                }
            }
            commit(connection, location);
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw storage(location, "could not read the ledger", e);
        }
    }

    /**
     * Checks the ledger end to end: the genesis hash against the ledger's identity and
     * configuration; every entry's hash and its link to the previous one; that sequence numbers
     * have no gaps; that each stored cost equals the cost recomputed from the stored event; that the
     * spent ε before and after each entry and the head's totals, count and hash equal their
     * recomputation. Reads only.
     */
    public synchronized LedgerVerification verify() {
        requireOpen();
        List<String> problems = new ArrayList<>();
        long checked = 0;
        try {
            begin(connection, location, false);
            String metaJson;
            Head head;
            String storedGenesis;
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT config_json, genesis_hash FROM " + META + " WHERE id = 1")) {
                if (!r.next()) {
                    r.close();
                    rollback(connection, location);
                    return new LedgerVerification(false, 0, List.of("header: missing"));
                }
                metaJson = r.getString(1);
                storedGenesis = r.getString(2);
            }
            head = readHead();
            String genesis = sha(ledgerId + "\n" + metaJson + "\n" + createdAt);
            if (!genesis.equals(storedGenesis) || !genesis.equals(genesisHash)) {
                problems.add("header: the genesis hash does not match the ledger's identity and configuration (edited?)");
            }
            Totals totals = Totals.zero(orders.length);
            String prev = storedGenesis;
            long expectedSeq = 0;
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT seq, created_at, label, event_json, cost_json, spent_before, spent_after, "
                         + "prev_hash, entry_hash FROM " + ENTRIES + " ORDER BY seq")) {
                while (r.next()) {
                    long seq = r.getLong(1);
                    String where = "entry " + seq;
                    if (seq != expectedSeq) {
                        problems.add(where + ": expected sequence number " + expectedSeq + " (an entry is missing)");
                        expectedSeq = seq;
                    }
                    String eventJson = r.getString(4);
                    String costJson = r.getString(5);
                    double before = r.getDouble(6);
                    double after = r.getDouble(7);
                    String prevHash = r.getString(8);
                    String hash = r.getString(9);
                    if (!prevHash.equals(prev)) {
                        problems.add(where + ": its previous hash does not link to the entry before it");
                    }
                    String recomputed = entryHash(prevHash, seq, r.getString(2), r.getString(3), eventJson, costJson, before, after);
                    if (!recomputed.equals(hash)) {
                        problems.add(where + ": its hash does not match its content (edited?)");
                    }
                    RenyiCost stored = parseCost(costJson);
                    try {
                        RenyiCost again = accountant.cost(parseEvent(eventJson), orders);
                        if (!again.equals(stored)) {
                            problems.add(where + ": its stored cost differs from the cost of its event re-accounted now");
                        }
                    } catch (RuntimeException e) {
                        problems.add(where + ": its event cannot be re-accounted: " + e.getMessage());
                    }
                    double expectBefore = spent(totals, seq);
                    totals = totals.plus(stored);
                    double expectAfter = spent(totals, seq + 1);
                    if (Double.compare(before, expectBefore) != 0 || Double.compare(after, expectAfter) != 0) {
                        problems.add(where + ": its spent epsilon (" + before + " -> " + after + ") differs from the recomputed "
                                + expectBefore + " -> " + expectAfter);
                    }
                    prev = hash;
                    expectedSeq++;
                    checked++;
                }
            }
            if (head.count != checked) {
                problems.add("header: it counts " + head.count + " entries but " + checked + " are stored");
            }
            if (!head.hash.equals(prev)) {
                problems.add("header: its head hash is not the last entry's hash");
            }
            if (!head.totals.json().equals(totals.json())) {
                problems.add("header: its totals differ from the sum of the entries' costs");
            }
            commit(connection, location);
            return new LedgerVerification(problems.isEmpty(), checked, problems);
        } catch (SQLException e) {
            rollbackQuietly();
            throw storage(location, "could not read the ledger", e);
        }
    }

    /** The ledger's account of a spend, for a {@link PrivacyBudgetEvidence} record. */
    public PrivacyBudgetEvidence.LedgerSummary summaryOf(LedgerEntry entry) {
        Checks.requireNonNull(entry, "entry");
        double alone = entry.cost().epsilonAlone(config.delta());
        return new PrivacyBudgetEvidence.LedgerSummary(ledgerId, config.epsilon(), config.delta(), entry.spentBefore(),
                alone, Math.max(0, config.epsilon() - entry.spentAfter()), COMPOSITION_THEOREM, true);
    }

    /** The ledger's identifier. */
    public String ledgerId() {
        return ledgerId;
    }

    /** The ledger's configuration. */
    public LedgerConfig config() {
        return config;
    }

    /** Where it lives. */
    public LedgerLocation location() {
        return location;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(connection);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("ledger " + config.name() + " is closed; open it again with PrivacyLedger.open(...)");
        }
    }

    // ------------------------------------------------------------------ head

    private record Head(long count, String hash, Totals totals) {
    }

    /** Reads the head inside a write transaction, locking it against other spenders. */
    private Head lockHead() throws SQLException {
        if (location.kind() == LedgerLocation.Kind.POSTGRESQL) {
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT id FROM " + META + " WHERE id = 1 FOR UPDATE");
            }
        }
        // SQLite: the connection's transactions are BEGIN IMMEDIATE, so the write lock is held from here.
        Head head = readHead();
        if (head.count > 0) {
            try (PreparedStatement p = connection.prepareStatement("SELECT entry_hash FROM " + ENTRIES + " WHERE seq = ?")) {
                p.setLong(1, head.count - 1);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next() || !r.getString(1).equals(head.hash)) {
                        throw new IllegalStateException("ledger " + config.name() + " is inconsistent: its head does not match its "
                                + "last entry. Nothing was recorded; run 'privkit ledger verify' and restore it from a backup.");
                    }
                }
            }
        }
        return head;
    }

    private Head readHead() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT entry_count, head_hash, totals_json FROM " + META + " WHERE id = 1")) {
            if (!r.next()) {
                throw new IllegalStateException("ledger " + config.name() + " has lost its header row; run 'privkit ledger verify'.");
            }
            return new Head(r.getLong(1), r.getString(2), Totals.parse(r.getString(3), orders.length));
        }
    }

    // ------------------------------------------------------------------ totals

    /** Running sums; {@code pure} is the sum of pure epsilons while every spend is pure, else null. */
    private static final class Totals {
        final double[] rdp;
        final double eta;
        final double tau;
        final Double pure;

        Totals(double[] rdp, double eta, double tau, Double pure) {
            this.rdp = rdp;
            this.eta = eta;
            this.tau = tau;
            this.pure = pure;
        }

        static Totals zero(int orders) {
            return new Totals(new double[orders], 0, 0, 0.0);
        }

        /** Adds a cost, rounding every sum up (exactly: the smallest double at or above the true sum). */
        Totals plus(RenyiCost c) {
            double[] r = c.rdp();
            double[] sum = new double[rdp.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = sumUp(rdp[i], r[i]);
            }
            Double p = pure != null && c.pureEpsilon().isPresent() ? sumUp(pure, c.pureEpsilon().getAsDouble()) : null;
            return new Totals(sum, sumUp(eta, c.maxLogRatio()), sumUp(tau, c.probability()), p);
        }

        /** The smallest double at or above the exact sum a + b. */
        private static double sumUp(double a, double b) {
            if (Double.isInfinite(a) || Double.isInfinite(b)) {
                return Double.POSITIVE_INFINITY;
            }
            java.math.BigDecimal exact = new java.math.BigDecimal(a).add(new java.math.BigDecimal(b));
            double d = exact.doubleValue();
            return new java.math.BigDecimal(d).compareTo(exact) < 0 ? Math.nextUp(d) : d;
        }

        String json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            ArrayNode a = o.putArray("rdp");
            for (double v : rdp) {
                a.add(v);
            }
            o.put("eta", eta);
            o.put("tau", tau);
            if (pure == null) {
                o.putNull("pure");
            } else {
                o.put("pure", pure);
            }
            return compact(o);
        }

        static Totals parse(String json, int orders) {
            JsonNode n = tree(json);
            double[] r = new double[orders];
            for (int i = 0; i < orders; i++) {
                r[i] = number(n.get("rdp").get(i));
            }
            JsonNode p = n.get("pure");
            return new Totals(r, number(n.get("eta")), number(n.get("tau")), p == null || p.isNull() ? null : number(p));
        }
    }

    // ------------------------------------------------------------------ serialisation

    private static String compact(Object value) {
        try {
            return CanonicalJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return CanonicalJson.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("ledger holds malformed JSON (" + e.getMessage() + "); run 'privkit ledger verify'.", e);
        }
    }

    private static double number(JsonNode n) {
        if (n == null) {
            throw new IllegalStateException("ledger JSON lacks a number; run 'privkit ledger verify'.");
        }
        if (n.isTextual()) {
            return Double.parseDouble(n.asText());   // "Infinity"
        }
        return n.doubleValue();
    }

    static String eventJson(DpEvent event) {
        return compact(event.describe());
    }

    static DpEvent parseEvent(String json) {
        try {
            return DpEvent.fromDescription(CanonicalJson.mapper().readValue(json, DpEventDescription.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger holds a malformed event (" + e.getOriginalMessage() + ")", e);
        }
    }

    private String costJson(RenyiCost cost) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode a = o.putArray("rdp");
        for (double v : cost.rdp()) {
            if (Double.isInfinite(v)) {
                a.add("Infinity");
            } else {
                a.add(v);
            }
        }
        o.put("eta", cost.maxLogRatio());
        o.put("tau", cost.probability());
        if (cost.pureEpsilon().isPresent()) {
            o.put("pure", cost.pureEpsilon().getAsDouble());
        } else {
            o.putNull("pure");
        }
        return compact(o);
    }

    private RenyiCost parseCost(String json) {
        JsonNode n = tree(json);
        double[] r = new double[orders.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = number(n.get("rdp").get(i));
        }
        JsonNode p = n.get("pure");
        return new RenyiCost(orders, r, number(n.get("eta")), number(n.get("tau")),
                p == null || p.isNull() ? OptionalDouble.empty() : OptionalDouble.of(number(p)));
    }

    private static String configJson(LedgerConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("epsilon", c.epsilon());
        m.put("delta", c.delta());
        m.put("relation", c.relation().name());
        m.put("orders", c.orders());
        m.put("slackEpsilon", c.slackEpsilon());
        m.put("slackDelta", c.slackDelta());
        return compact(m);
    }

    private static LedgerConfig parseConfig(String json) {
        JsonNode n = tree(json);
        List<Double> orders = new ArrayList<>();
        n.get("orders").forEach(x -> orders.add(x.doubleValue()));
        return new LedgerConfig(n.get("name").asText(), n.get("epsilon").doubleValue(), n.get("delta").doubleValue(),
                NeighboringRelation.valueOf(n.get("relation").asText()), orders, n.get("slackEpsilon").doubleValue(),
                n.get("slackDelta").doubleValue());
    }

    static String entryHash(String prev, long seq, String createdAt, String label, String eventJson, String costJson,
                            double spentBefore, double spentAfter) {
        return sha(prev + "\n" + seq + "\n" + createdAt + "\n" + label + "\n" + eventJson + "\n" + costJson + "\n"
                + Double.toString(spentBefore) + "\n" + Double.toString(spentAfter));
    }

    private static String sha(String s) {
        return Sha256.of(s.getBytes(StandardCharsets.UTF_8)).hex();
    }

    // ------------------------------------------------------------------ errors

    private static UncheckedIOException storage(LedgerLocation location, String what, SQLException e) {
        return new UncheckedIOException(new IOException("ledger " + location.redacted() + ": " + what + ": " + e.getMessage()
                + ". Check that the database is reachable and writable.", e));
    }

    private void rollbackQuietly() {
        try {
            rollback(connection, location);
        } catch (SQLException ignored) {
            // the connection is broken; the transaction is lost, which records nothing
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
