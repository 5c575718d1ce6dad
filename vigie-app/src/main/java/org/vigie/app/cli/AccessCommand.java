package org.vigie.app.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.server.access.Argon2id;
import org.vigie.server.access.Role;
import org.vigie.store.Account;
import org.vigie.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "access", mixinStandardHelpOptions = true, description = "Accounts and API keys.",
        subcommands = {AccessCommand.Key.class, AccessCommand.CreateAccount.class})
public final class AccessCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = {"Draw a new API key for a machine. Give the key to the machine and put only its SHA-256 in",
                    "access.api-keys of the configuration."})
    static final class Key implements Callable<Integer> {
        @Override
        public Integer call() throws NoSuchAlgorithmException {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
            System.out.println("key:    " + key);
            System.out.println("sha256: " + sha);
            return 0;
        }
    }

    @Command(name = "create-account", mixinStandardHelpOptions = true,
            description = {"Create a local account (the first admin of an installation, for instance). The password is",
                    "read from the terminal, or from the first line of standard input."})
    static final class CreateAccount implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where = new Where();

        static final class Where {
            @Option(names = "--config", paramLabel = "FILE", description = "The store named in this configuration.")
            Path config;

            @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded store in DIR (default: vigie-data).")
            Path dataDir;
        }

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, description = "operator, supervisor, auditor or admin")
        String role;

        @Override
        public Integer call() throws IOException {
            Role r = Role.fromJson(role).filter(Role::isForAccounts).orElse(null);
            if (r == null) {
                System.err.println("--role: expected operator, supervisor, auditor or admin, got '" + role + "'");
                return 2;
            }
            if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                System.err.println("NAME: expected 1..64 lower-case letters, digits, '.', '_' or '-'");
                return 2;
            }
            String password = readPassword();
            if (password == null || password.length() < 12 || password.length() > 1024) {
                System.err.println("the password must be 12..1024 characters");
                return 2;
            }
            VigieConfig cfg = where.config != null ? ConfigLoader.load(where.config)
                    : VigieConfig.embedded(where.dataDir != null ? where.dataDir : Path.of("vigie-data"), 0);
            try (Store store = Store.open(cfg.store().toStoreConfig(1))) {
                var account = new Account(name, new Argon2id(Argon2id.DEFAULT).hash(password), r.jsonName(),
                        Clock.systemUTC().instant(), false);
                if (!store.accounts().create(account)) {
                    System.err.println("an account is already named '" + name + "'");
                    return 1;
                }
                store.audit().append(Clock.systemUTC().instant(), "cli:" + System.getProperty("user.name", "unknown"),
                        "admin", "account.create", name, "role " + r.jsonName() + " (command line)");
            }
            System.out.println("account " + name + " (" + r.jsonName() + ") created");
            return 0;
        }

        private static String readPassword() throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] p = console.readPassword("password: ");
                return p == null ? null : new String(p);
            }
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }
}
