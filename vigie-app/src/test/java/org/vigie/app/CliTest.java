package org.vigie.app;

import org.vigie.app.TestCli.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;


    /** Runs a command in this process; commands that call a server present the test key of a machine. */
    static Run run(String... args) {
        System.setProperty("vigie.api-key", TestAccess.key(org.vigie.server.access.Role.SOURCE));
        return TestCli.run(args);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][] {{"demo"}, {"serve"}, {"ingest", "events"}, {"quarantine", "list"},
                {"config", "check"}, {"audit", "verify"}, {"access", "key"}, {"access", "create-account"}, {"version"}}) {
            var args = java.util.stream.Stream.concat(java.util.Arrays.stream(cmd), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Run r = run(args);
            if (cmd[0].equals("version")) {
                continue;
            }
            assertThat(r.exit()).as(String.join(" ", cmd)).isZero();
            assertThat(r.out()).as(String.join(" ", cmd)).contains("Usage: vigie " + String.join(" ", cmd));
        }
        assertThat(run().out()).contains("demo", "serve", "ingest", "quarantine", "config", "version");
    }

    @Test
    void aKeyIsDrawnWithItsHashAndTheFirstAdminIsCreatedFromTheCommandLine() throws Exception {
        Run key = run("access", "key");
        assertThat(key.exit()).isZero();
        String[] lines = key.out().strip().split("\n");
        String k = lines[0].substring("key:".length()).trim();
        assertThat(k).hasSizeGreaterThanOrEqualTo(43);
        assertThat(lines[1]).isEqualTo("sha256: " + TestAccess.sha256(k));

        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)));
            Run created = run("access", "create-account", "first-admin", "--role", "admin", "--data-dir",
                    dir.resolve("accounts").toString());
            assertThat(created.exit()).as(created.err()).isZero();
            System.setIn(new java.io.ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(run("access", "create-account", "second", "--role", "admin", "--data-dir",
                    dir.resolve("accounts").toString()).exit()).isEqualTo(2);
            assertThat(run("access", "create-account", "third", "--role", "source", "--data-dir",
                    dir.resolve("accounts").toString()).exit()).isEqualTo(2);
        } finally {
            System.setIn(stdin);
        }
        try (var store = org.vigie.store.Store.open(org.vigie.store.StoreConfig.sqlite(dir.resolve("accounts/vigie.db")))) {
            var account = store.accounts().find("first-admin").orElseThrow();
            assertThat(account.role()).isEqualTo("admin");
            assertThat(new org.vigie.server.access.Argon2id(org.vigie.server.access.Argon2id.DEFAULT)
                    .matches("a long enough password", account.passwordHash())).isTrue();
            assertThat(store.accounts().count()).isEqualTo(1);
            assertThat(store.audit().verify().checked()).isEqualTo(1);
        }
    }

    @Test
    void versionNamesVigieAndJava() {
        Run r = run("version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("vigie ").contains("Java ");
    }

    @Test
    void configCheckPassesAGoodFileAndFailsABadOneWithLines() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), "server:\n  port: 8081\n");
        Run ok = run("config", "check", good.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("OK", "8081");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "server:\n  port: eighty\n");
        Run ko = run("config", "check", bad.toString());
        assertThat(ko.exit()).isEqualTo(1);
        assertThat(ko.err()).contains("bad.yaml:2: server.port: expected an integer");
    }

    @Test
    void ingestAndQuarantineListWorkAgainstARunningPlatform() throws Exception {
        var config = org.vigie.app.config.VigieConfig.embedded(dir.resolve("data"), 0)
                .withServer(new org.vigie.app.config.VigieConfig.Server("127.0.0.1", 0));
        Path file = dir.resolve("events.jsonl");
        String good = ApiTest.event(ApiTest.newId(), "noise", 43.29, 5.38, 0.5, java.time.Instant.now(), "csv").replace("\n", " ");
        String bad = ApiTest.event(ApiTest.newId(), "noise", 43.29, 500, 0.5, java.time.Instant.now(), "csv").replace("\n", " ");
        Files.writeString(file, good + "\n\n" + bad + "\n");
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), java.time.Clock.systemUTC())) {
            Run r = run("ingest", "events", file.toString(), "--server", platform.url());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).contains("1 accepted", "1 rejected");
            assertThat(r.err()).contains("events.jsonl:3: location.lon");
            Run q = run("quarantine", "list", "--data-dir", dir.resolve("data").toString());
            assertThat(q.exit()).isZero();
            assertThat(q.out()).contains("1 quarantined record(s)", "location.lon");
        }
    }
}
