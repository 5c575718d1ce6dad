package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.server.access.Role;

/** {@code vigie audit verify}: the chain written by a running platform holds, and an edited row is named. */
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
        CliTest.Run ok = CliTest.run("audit", "verify", "--data-dir", dataDir.toString());
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
        CliTest.Run broken = CliTest.run("audit", "verify", "--data-dir", dataDir.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at row " + seq + ":", "edited");
    }
}
