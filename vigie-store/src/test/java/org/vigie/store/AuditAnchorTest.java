package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.store.Fixtures.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit anchor: marks written as rows are appended, and what verifying against them finds. */
class AuditAnchorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-14T23:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    Store store;
    AuditAnchor anchor;

    @BeforeEach
    void open() {
        store = Store.open(EmbeddedPostgresServer.storeConfig("sqlite", dir, 1), CLOCK);
        anchor = new AuditAnchor(dir.resolve("anchor.log"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void append(int n) {
        for (int i = 0; i < n; i++) {
            store.audit().append(at(i), "ana", "operator", "search", "incidents", "limit=" + i);
        }
    }

    @Test
    void everyAppendIsMarkedAndAnIntactTableMatches() throws Exception {
        assertThat(store.audit().anchorTo(anchor, 1)).isEmpty();
        append(4);
        assertThat(Files.readAllLines(anchor.file())).hasSize(5).first().asString().startsWith("#");
        assertThat(anchor.last().orElseThrow().seq()).isEqualTo(4);
        assertThat(anchor.last().orElseThrow().hash()).isEqualTo(store.audit().head().orElseThrow().hash());
        assertThat(store.audit().verify(anchor).intact()).isTrue();
    }

    @Test
    void everyNthAppendIsMarkedAndTheHeadAtClose() throws Exception {
        store.audit().anchorTo(anchor, 3);
        append(7);
        assertThat(anchor.last().orElseThrow().seq()).isEqualTo(6);
        store.audit().closeAnchor();
        assertThat(anchor.last().orElseThrow().seq()).isEqualTo(7);
    }

    @Test
    void anAnchorStartedOnAnExistingLogMarksItsHeadAtOnce() {
        append(3);
        assertThat(store.audit().anchorTo(anchor, 1)).isEmpty();
        assertThat(anchor.last().orElseThrow().seq()).isEqualTo(3);
    }

    @Test
    void rowsCutFromTheEndAreNamed() {
        store.audit().anchorTo(anchor, 1);
        append(6);
        store.dsl().execute("DELETE FROM audit_log WHERE seq >= 5");
        assertThat(store.audit().verify().intact()).as("the chain alone cannot see it").isTrue();
        AuditCheck check = store.audit().verify(anchor);
        assertThat(check.brokenSeq()).contains(5L);
        assertThat(check.problem()).contains("rows 5..6 are missing from the end", "anchor.log:7", "table ends at row 4");
        // Opening the anchor again on the shortened table says so and marks nothing over it.
        store.audit().closeAnchor();
        assertThat(store.audit().anchorTo(new AuditAnchor(anchor.file()), 1)).get().asString()
                .contains("ends at row 4", "marked row 6");
        assertThat(anchor.last().orElseThrow().seq()).isEqualTo(6);
    }

    @Test
    void rowsCutThenWrittenAgainAreNamed() {
        store.audit().anchorTo(anchor, 1);
        append(6);
        store.dsl().execute("DELETE FROM audit_log WHERE seq >= 5");
        append(3); // rows 5, 6, 7 again, other content, a valid chain: marked 5, 6, 7 after 6
        AuditCheck check = store.audit().verify(anchor);
        assertThat(check.brokenSeq()).contains(5L);
        assertThat(check.problem()).contains("row 5 is not the row the anchor");
    }

    @Test
    void aLineThatIsNotAMarkIsReported() throws Exception {
        store.audit().anchorTo(anchor, 1);
        append(2);
        store.audit().closeAnchor();
        Files.writeString(anchor.file(), "garbage here\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(store.audit().verify(anchor).problem()).contains("anchor.log:4: not a mark");
    }
}
