package org.vigie.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives and how it is pooled.
 *
 * @param jdbcUrl {@code jdbc:sqlite:FILE} (embedded) or {@code jdbc:postgresql://HOST/DB} (server)
 * @param user ignored by SQLite; may be null when the URL carries it
 * @param password ignored by SQLite; may be null when the URL carries it
 * @param maxPoolSize connections at most; SQLite writers serialise on the file lock anyway, so a few are enough
 * @param synchronousFull SQLite only: {@code synchronous=FULL} (a committed transaction survives a power cut)
 *                        rather than NORMAL (it survives a crash of the process, and commits are cheaper).
 *                        PostgreSQL keeps its server-side {@code synchronous_commit}.
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxPoolSize, boolean synchronousFull) {
    public static final int DEFAULT_SQLITE_POOL = 4;
    public static final int DEFAULT_POSTGRESQL_POOL = 10;

    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("store maxPoolSize must be at least 1, got " + maxPoolSize);
        }
    }

    /** An embedded SQLite file, created with its parent folders when missing. */
    public static StoreConfig sqlite(Path file) {
        return new StoreConfig("jdbc:sqlite:" + file.toAbsolutePath(), null, null, DEFAULT_SQLITE_POOL, true);
    }

    public static StoreConfig postgresql(String jdbcUrl, String user, String password) {
        return new StoreConfig(jdbcUrl, user, password, DEFAULT_POSTGRESQL_POOL, true);
    }

    public StoreConfig withMaxPoolSize(int size) {
        return new StoreConfig(jdbcUrl, user, password, size, synchronousFull);
    }

    public StoreConfig withSynchronousFull(boolean full) {
        return new StoreConfig(jdbcUrl, user, password, maxPoolSize, full);
    }

    /** The URL with any {@code password=} parameter masked, for logs and error messages. */
    public String redactedUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Never prints the password: configs end up in logs. */
    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + redactedUrl() + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", maxPoolSize=" + maxPoolSize + ", synchronousFull=" + synchronousFull + "]";
    }
}
