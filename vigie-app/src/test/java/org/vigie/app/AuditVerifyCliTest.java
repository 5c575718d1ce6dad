package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.server.access.Role;

/**
 * {@code vigie audit verify}: the chain written by a running platform holds, an edited row is named, and rows cut
 * from the end (which leave a shorter chain that still holds) are named from the anchor file's marks.
 */
class AuditVerifyCliTest {
    @TempDir
    Path dataDir;

    @Test
    void anEditedRowIsNamedAndTheExitCodeSaysSo() throws Exception {
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            var http = new TestHttp(platform.url()).as(Role.OPERATOR);
            for (int i = 0; i < 4; i++) {
                assertThat(http.get("/api/v1/incidents?limit=" + (i + 1)).status()).isEqualTo(200);
            }
        }
        TestCli.Run ok = CliTest.run("audit", "verify", "--data-dir", dataDir.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("audit log intact");

        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigie.db"));
             var edit = db.prepareStatement("UPDATE audit_log SET detail = 'limit=50' WHERE action = 'search' AND detail = 'limit=3'")) {
            assertThat(edit.executeUpdate()).isEqualTo(1);
        }
        long seq;
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigie.db"));
             var q = db.createStatement().executeQuery("SELECT seq FROM audit_log WHERE detail = 'limit=50'")) {
            q.next();
            seq = q.getLong(1);
        }
        TestCli.Run broken = CliTest.run("audit", "verify", "--data-dir", dataDir.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at row " + seq + ":", "edited");
    }

    @Test
    void rowsDeletedFromTheEndAreNamedFromTheAnchor() throws Exception {
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            var http = new TestHttp(platform.url()).as(Role.OPERATOR);
            for (int i = 0; i < 5; i++) {
                assertThat(http.get("/api/v1/incidents?limit=" + (i + 1)).status()).isEqualTo(200);
            }
            // Auditors read the head and the anchor's last mark, to copy them elsewhere.
            TestHttp.Response anchor = new TestHttp(platform.url()).as(Role.AUDITOR).get("/api/v1/audit/anchor");
            assertThat(anchor.status()).isEqualTo(200);
            var body = org.vigie.core.json.Json.MAPPER.readTree(anchor.body());
            assertThat(body.path("anchor").path("matchesHead").asBoolean()).isTrue();
            assertThat(body.path("anchor").path("lastMark").path("seq").asLong()).isEqualTo(body.path("rows").asLong());
            assertThat(body.path("head").path("hash").asText()).hasSize(64);
        }
        assertThat(dataDir.resolve("audit-anchor.log")).as("beside the database by default").isRegularFile();
        TestCli.Run ok = CliTest.run("audit", "verify", "--data-dir", dataDir.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("audit log intact", "matches the table");

        long last;
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigie.db"));
             var q = db.createStatement().executeQuery("SELECT MAX(seq) FROM audit_log")) {
            q.next();
            last = q.getLong(1);
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigie.db"));
             var cut = db.prepareStatement("DELETE FROM audit_log WHERE seq > ?")) {
            cut.setLong(1, last - 3);
            assertThat(cut.executeUpdate()).isEqualTo(3);
        }
        TestCli.Run cut = CliTest.run("audit", "verify", "--data-dir", dataDir.toString());
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.out()).contains("BROKEN at row " + (last - 2) + ":",
                "rows " + (last - 2) + ".." + last + " are missing from the end", "audit-anchor.log");

        // Vigie started again on the shortened table writes new rows over the cut ones: still seen.
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            var http = new TestHttp(platform.url()).as(Role.OPERATOR);
            for (int i = 0; i < 5; i++) {
                assertThat(http.get("/api/v1/incidents?limit=" + (i + 1)).status()).isEqualTo(200);
            }
        }
        TestCli.Run later = CliTest.run("audit", "verify", "--data-dir", dataDir.toString());
        assertThat(later.exit()).isEqualTo(1);
        assertThat(later.out()).contains("BROKEN at row " + (last - 2) + ":", "rows from " + (last - 2) + " were replaced");
    }
}
