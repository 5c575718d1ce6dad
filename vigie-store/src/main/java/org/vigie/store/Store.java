package org.vigie.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;

/**
 * Vigie's persistence: an embedded SQLite file by default, or a PostgreSQL server, chosen by the JDBC URL. Both
 * run the same Flyway migrations and the same repository code; only the jOOQ dialect differs.
 *
 * <p>Every write method is one transaction, committed before it returns: what a caller has been told is stored
 * survives a crash of the process (and, with {@code synchronous=FULL}, a power cut). Thread-safe.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    /** How long a SQLite writer waits for the file lock before failing with SQLITE_BUSY. */
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final HikariDataSource pool;
    private final DSLContext db;
    private final String engine;
    private final EventRepository events;
    private final IncidentRepository incidents;
    private final QuarantineRepository quarantine;
    private final ServiceRequestRepository serviceRequests;
    private final ReliabilityRepository reliability;
    private final ProcedureRepository procedures;
    private final AccountabilityRepository accountability;
    private final EvaluationRepository evaluations;
    private final VideoCountRepository videoCounts;
    private final AccountRepository accounts;
    private final AuditRepository audit;
    private final SessionRepository sessions;
    private final RetentionRepository retention;

    private Store(HikariDataSource pool, SQLDialect dialect, String engine, Clock clock) {
        this.pool = pool;
        this.db = DSL.using(pool, dialect);
        this.engine = engine;
        this.events = new EventRepository(db);
        this.incidents = new IncidentRepository(db, clock);
        this.quarantine = new QuarantineRepository(db);
        this.serviceRequests = new ServiceRequestRepository(db);
        this.reliability = new ReliabilityRepository(db);
        this.procedures = new ProcedureRepository(db);
        this.accountability = new AccountabilityRepository(db);
        this.evaluations = new EvaluationRepository(db, clock);
        this.videoCounts = new VideoCountRepository(db);
        this.accounts = new AccountRepository(db);
        this.audit = new AuditRepository(db);
        this.sessions = new SessionRepository(db);
        this.retention = new RetentionRepository(db);
    }

    /** Opens the pool and brings the schema up to date. */
    public static Store open(StoreConfig cfg) {
        return open(cfg, Clock.systemUTC());
    }

    /**
     * @param clock stamps {@code updated_at} on incident rows
     * @throws IllegalArgumentException when the URL is neither SQLite nor PostgreSQL
     * @throws StoreException when the database cannot be reached, created or migrated; the message names the URL
     */
    public static Store open(StoreConfig cfg, Clock clock) {
        String url = cfg.jdbcUrl();
        var hikari = new HikariConfig();
        hikari.setPoolName("vigie-store");
        hikari.setJdbcUrl(url);
        hikari.setUsername(cfg.user());
        hikari.setPassword(cfg.password());
        hikari.setMaximumPoolSize(cfg.maxPoolSize());
        // Fail a caller (and the health check) after 10 s without a connection rather than Hikari's 30 s.
        hikari.setConnectionTimeout(10_000);
        SQLDialect dialect;
        String engine;
        if (url.startsWith(SQLITE_PREFIX)) {
            dialect = SQLDialect.SQLITE;
            engine = "sqlite";
            createParentFolder(cfg, sqliteFile(cfg));
            hikari.setDataSourceProperties(sqliteSettings(cfg).toProperties());
        } else if (url.startsWith(POSTGRESQL_PREFIX)) {
            dialect = SQLDialect.POSTGRES;
            engine = "postgresql";
        } else {
            throw new IllegalArgumentException("store URL must start with " + SQLITE_PREFIX + " or "
                    + POSTGRESQL_PREFIX + ", got '" + cfg.redactedUrl() + "'");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the " + engine + " store at " + cfg.redactedUrl() + ": "
                    + rootMessage(e), e);
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            LOG.info("store opened: {} at {}, schema version {} ({} migration(s) applied now)", engine,
                    cfg.redactedUrl(), result.targetSchemaVersion != null ? result.targetSchemaVersion
                            : result.initialSchemaVersion, result.migrationsExecuted);
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate the " + engine + " store at " + cfg.redactedUrl() + ": "
                    + rootMessage(e), e);
        }
        return new Store(pool, dialect, engine, clock);
    }

    private static SQLiteConfig sqliteSettings(StoreConfig cfg) {
        var sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(cfg.synchronousFull() ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        // A deferred transaction that reads and then writes cannot wait for the lock: SQLite fails it at once
        // with SQLITE_BUSY. Taking the write lock at BEGIN makes concurrent writers queue on the busy timeout.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // SQLite ignores REFERENCES unless asked; PostgreSQL always checks them. Same rules on both.
        sqlite.enforceForeignKeys(true);
        return sqlite;
    }

    /** The file a {@code jdbc:sqlite:} URL names; in-memory databases are refused. */
    private static Path sqliteFile(StoreConfig cfg) {
        String spec = cfg.jdbcUrl().substring(SQLITE_PREFIX.length());
        int query = spec.indexOf('?');
        String path = query < 0 ? spec : spec.substring(0, query);
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.equals(":memory:") || spec.contains("mode=memory")) {
            // Each pooled connection would get its own empty database.
            throw new IllegalArgumentException("store URL '" + cfg.redactedUrl()
                    + "' is an in-memory SQLite database; the store needs a file (jdbc:sqlite:/path/to/vigie.db)");
        }
        return Path.of(path).toAbsolutePath();
    }

    private static void createParentFolder(StoreConfig cfg, Path file) {
        Path parent = file.getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the folder " + parent + " for the sqlite store at "
                    + cfg.redactedUrl() + ": " + e, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    /** For tests that check engine settings. */
    DSLContext dsl() {
        return db;
    }

    public EventRepository events() {
        return events;
    }

    public IncidentRepository incidents() {
        return incidents;
    }

    public QuarantineRepository quarantine() {
        return quarantine;
    }

    public ServiceRequestRepository serviceRequests() {
        return serviceRequests;
    }

    public ReliabilityRepository reliability() {
        return reliability;
    }

    public ProcedureRepository procedures() {
        return procedures;
    }

    public AccountabilityRepository accountability() {
        return accountability;
    }

    public VideoCountRepository videoCounts() {
        return videoCounts;
    }

    public EvaluationRepository evaluations() {
        return evaluations;
    }

    public AccountRepository accounts() {
        return accounts;
    }

    public AuditRepository audit() {
        return audit;
    }

    /** Sessions of signed-in people, by the SHA-256 of their token. */
    public SessionRepository sessions() {
        return sessions;
    }

    public RetentionRepository retention() {
        return retention;
    }

    /** {@code sqlite} or {@code postgresql}. */
    public String engine() {
        return engine;
    }

    /** Whether a trivial query succeeds now; for health checks, so it never throws. */
    public boolean isHealthy() {
        try {
            return db.selectOne().fetchSingle().value1() == 1;
        } catch (RuntimeException e) {
            LOG.warn("store health check failed: {}", e.toString());
            return false;
        }
    }

    /**
     * Stores a batch as it arrived, in one transaction: valid events are appended (an id already stored, or seen
     * earlier in the same batch, is reported as a duplicate and left untouched) and rejected records go to the
     * quarantine. Either all of it is committed before this returns, or none of it and this throws.
     */
    public IngestReceipt ingest(List<Event> batch, List<QuarantinedRecord> rejects) {
        if (batch.isEmpty() && rejects.isEmpty()) {
            return new IngestReceipt(List.of(), List.of(), 0);
        }
        return db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            // Rows go in in id order, whatever the batch order: two batches sharing ids (a client retrying while
            // its first attempt is still running) then lock them in the same order, so PostgreSQL cannot deadlock.
            var byId = new ArrayList<>(batch);
            byId.sort(Comparator.comparing(Event::id)); // stable: of two copies, the first in the batch is stored
            var fresh = new HashSet<EventId>();
            for (Event e : byId) {
                if (events.insertIfAbsent(tx, e)) {
                    fresh.add(e.id());
                }
            }
            var stored = new ArrayList<EventId>(fresh.size());
            var duplicates = new ArrayList<EventId>();
            for (Event e : batch) {
                (fresh.remove(e.id()) ? stored : duplicates).add(e.id());
            }
            for (QuarantinedRecord r : rejects) {
                quarantine.insert(tx, r);
            }
            return new IngestReceipt(stored, duplicates, rejects.size());
        });
    }

    @Override
    public void close() {
        try {
            audit.closeAnchor(); // the head is marked while the table can still be read
        } finally {
            pool.close();
        }
    }
}
