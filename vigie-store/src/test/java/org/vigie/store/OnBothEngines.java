package org.vigie.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** A store test that runs on SQLite and on PostgreSQL, with a fresh store per test and a fixed clock. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"sqlite", "postgresql"})
abstract class OnBothEngines {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-14T23:00:00Z"), ZoneOffset.UTC);

    @Parameter
    String engine;

    @TempDir
    Path dir;

    Store store;

    @BeforeEach
    void open() {
        store = Store.open(EmbeddedPostgresServer.storeConfig(engine, dir, 4), clock());
    }

    /** The store's clock; {@link #CLOCK} unless a test needs another instant. */
    Clock clock() {
        return CLOCK;
    }

    @AfterEach
    void close() {
        store.close();
    }
}
