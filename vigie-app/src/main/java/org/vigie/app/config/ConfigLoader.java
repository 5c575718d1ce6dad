package org.vigie.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeMap;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.audio.AcousticSensor;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraConfigReader;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.config.ConfigException;
import org.vigie.core.config.YamlTree;
import org.vigie.core.correlate.CompositeRule;
import org.vigie.core.correlate.CorrelationRule;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.json.Json;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.core.priority.VulnerablePlace;
import org.vigie.core.sop.Procedures;
import org.vigie.core.model.Source;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.poll.FeedConnector;
import org.vigie.feeds.poll.HttpPoller;
import org.vigie.feeds.social.BurstSettings;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.vigie.feeds.gtfs.RealtimeSettings;
import org.vigie.feeds.tabular.TabularMapping;
import org.vigie.feeds.tabular.TabularMappings;
import org.vigie.server.access.AccessSettings;
import org.vigie.server.access.OidcSettings;
import org.vigie.server.access.Role;
import org.vigie.server.open311.Open311Settings;

/**
 * Reads and validates the YAML configuration. All problems of a file are reported together, each as
 * {@code file:line: key: what was expected}; unknown keys are errors (a misspelt key would otherwise be a
 * silently ignored setting).
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static VigieConfig load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    /** @param baseDir relative paths in the file (zones, SQLite file, watched folders) are resolved against it */
    public static VigieConfig parse(String fileName, String text, Path baseDir) {
        return parse(fileName, text, baseDir, System::getenv);
    }

    /** @param env the environment, for {@code ${NAME}} in feed URLs and headers (credentials stay out of the file) */
    static VigieConfig parse(String fileName, String text, Path baseDir, Function<String, String> env) {
        var problems = new ArrayList<String>();
        var top = YamlTree.parse(fileName, text, problems);
        Path defaults = Path.of("vigie-data");
        VigieConfig base = VigieConfig.embedded(baseDir.resolve(defaults), 8080);

        VigieConfig.Server server = top.child("server").map(s -> {
            var v = new VigieConfig.Server(s.string("host", "0.0.0.0"), s.integer("port", 8080, 0, 65535));
            s.rejectUnknownKeys();
            return v;
        }).orElse(base.server());

        VigieConfig.Store store = top.child("store").map(s -> {
            String url = s.string("url", base.store().url());
            if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
                s.problem(s.node(), s.path() + ".url", "expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB, got '" + url + "'");
            }
            if (url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:sqlite::memory:")) {
                Path file = Path.of(url.substring("jdbc:sqlite:".length()));
                url = "jdbc:sqlite:" + (file.isAbsolute() ? file : baseDir.resolve(file)).normalize();
            }
            String sync = s.string("synchronous", "full");
            if (!sync.equals("full") && !sync.equals("normal")) {
                s.problem(s.node(), s.path() + ".synchronous", "expected full or normal, got '" + sync + "'");
            }
            var v = new VigieConfig.Store(url, s.string("user", null), s.string("password", null),
                    s.integer("pool-size", 4, 1, 64), sync);
            s.rejectUnknownKeys();
            return v;
        }).orElse(base.store());

        VigieConfig.City city = top.child("city").map(c -> {
            String zones = c.string("zones", null);
            Path zonesPath = zones == null ? null : baseDir.resolve(zones).normalize();
            if (zonesPath != null && !Files.isRegularFile(zonesPath)) {
                c.problem(c.node(), c.path() + ".zones", "no such file: " + zonesPath);
            }
            String tz = c.string("time-zone", VigieConfig.City.DEFAULT_TIME_ZONE.getId());
            ZoneId zone = VigieConfig.City.DEFAULT_TIME_ZONE;
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                c.problem(c.node(), c.path() + ".time-zone", "expected a time zone such as Europe/Paris or "
                        + "America/New_York, got '" + tz + "'");
            }
            var v = new VigieConfig.City(c.string("name", "Marseille"), zonesPath, c.string("code-property", "code"),
                    c.string("name-property", "nom"), zone);
            c.rejectUnknownKeys();
            return v;
        }).orElse(base.city());

        CorrelationRules correlation = top.child("correlation").map(ConfigLoader::correlation).orElse(base.correlation());
        VigieConfig.Feeds feeds = top.child("feeds").map(f -> feeds(f, fileName, baseDir, env, problems)).orElse(VigieConfig.Feeds.NONE);
        VigieConfig.Gtfs gtfs = top.child("gtfs").map(g -> gtfs(g, baseDir)).orElse(null);
        Open311Settings open311 = top.child("open311").map(Open311Config::read).orElse(base.open311());
        VigieConfig.Anomalies anomalies = top.child("anomalies").map(ConfigLoader::anomalies).orElse(base.anomalies());
        VigieConfig.Fusion fusion = top.child("fusion").map(f -> fusion(f, baseDir, problems)).orElse(base.fusion());
        AccountabilitySettings accountability = top.child("accountability").map(AccountabilitySettings::read)
                .orElse(base.accountability());
        AccessSettings access = top.child("access").map(a -> access(a, baseDir, env, problems)).orElse(AccessSettings.defaults());
        // Beside the SQLite file by default; for PostgreSQL, in vigie-data next to the configuration file.
        Path evidenceDefault = store.url().startsWith("jdbc:sqlite:") ? VigieConfig.Retention.evidenceBeside(store)
                : baseDir.resolve(defaults).resolve("evidence").normalize();
        VigieConfig.Retention retention = top.child("retention").map(r -> retention(r, baseDir, evidenceDefault))
                .orElse(VigieConfig.Retention.defaults(evidenceDefault));
        VigieConfig.Console console = top.child("console").map(ConfigLoader::console).orElse(base.console());
        VigieConfig.Audio audio = top.child("audio").map(a -> audio(a, baseDir)).orElse(base.audio());
        VigieConfig.Video video = top.child("video").map(v -> video(v, baseDir, problems)).orElse(base.video());
        top.child("video").ifPresent(v -> {
            // One id, one camera: the console's list (cameras run elsewhere) and the files of cameras run here.
            var listed = new HashSet<String>();
            console.cameras().forEach(c -> listed.add(c.id()));
            video.cameras().stream().filter(c -> listed.contains(c.id())).forEach(c -> v.problem(v.node(),
                    v.path() + ".cameras", "camera id '" + c.id() + "' is both in console.cameras and the video camera"
                            + " file " + video.files().get(c.id()) + "; keep it in one place"));
        });
        VigieConfig.Social social = top.child("social").map(x -> social(x, baseDir, env, city.timeZone(), problems))
                .orElse(base.social());
        VigieConfig.Cluster cluster = top.child("cluster").map(c -> cluster(c, baseDir, correlation)).orElse(null);
        top.child("cluster").ifPresent(c -> {
            boolean shared = cluster.runs(VigieConfig.Role.STORE) || cluster.runs(VigieConfig.Role.API)
                    || cluster.runs(VigieConfig.Role.INGEST);
            if (shared && !store.url().startsWith("jdbc:postgresql:")) {
                c.problem(c.node(), c.path() + ".roles", "the ingest, store and api roles share one database across "
                        + "processes: store.url must be jdbc:postgresql://HOST/DB, not " + store.url());
            }
        });
        top.rejectUnknownKeys();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new VigieConfig(server, store, city, correlation, feeds, gtfs, open311, anomalies, fusion, access, retention,
                accountability, console, audio, video, social, cluster);
    }

    /** {@code cluster}: this process's roles in a city-scale deployment, and where Kafka is. */
    private static VigieConfig.Cluster cluster(YamlTree c, Path baseDir, CorrelationRules rules) {
        String bootstrap = c.string("bootstrap-servers", null);
        if (bootstrap == null || bootstrap.isBlank()) {
            c.problem(c.node(), c.path() + ".bootstrap-servers", "required: Kafka's HOST:PORT[,HOST:PORT…]");
            bootstrap = "";
        }
        var roles = java.util.EnumSet.noneOf(VigieConfig.Role.class);
        List<String> named = c.strings("roles");
        if (named.isEmpty()) {
            named = List.of("ingest", "correlate", "store", "api"); // one process doing all but video and audio
        }
        for (String r : named) {
            var match = java.util.Arrays.stream(VigieConfig.Role.values()).filter(x -> x.configName().equals(r)).findFirst();
            match.ifPresentOrElse(roles::add, () -> c.problem(c.node(), c.path() + ".roles", "unknown role '" + r
                    + "'; expected some of ingest, correlate, store, api, video-worker, audio-worker"));
        }
        org.vigie.stream.Topics.Sizes d = org.vigie.stream.Topics.Sizes.SINGLE_BROKER;
        int events = d.events(), correlation = d.correlation(), incidents = d.incidents(), cameras = d.cameras();
        var p = c.child("partitions");
        if (p.isPresent()) {
            YamlTree t = p.get();
            events = t.integer("events", events, 1, 10_000);
            correlation = t.integer("correlation", correlation, 1, 10_000);
            incidents = t.integer("incidents", incidents, 1, 10_000);
            cameras = t.integer("cameras", cameras, 1, 10_000);
            t.rejectUnknownKeys();
        }
        short replication = (short) c.integer("replication", 3, 1, 16);
        int threads = c.integer("stream-threads", 1, 1, 256);
        Path state = baseDir.resolve(c.string("state-dir", "vigie-data/streams")).normalize();
        String app = c.string("application-id", "vigie-correlator");
        int resolution = c.integer("coarse-resolution", 6, 3, 8);
        double least = org.vigie.core.correlate.Partitioner.marginFor(rules);
        double margin = c.number("margin-meters", Math.max(least, 1000), 0, 50_000);
        if (margin < least) {
            c.problem(c.node(), c.path() + ".margin-meters", "at least the largest correlation radius, " + least
                    + " m, or incidents near a partition border would be split");
        }
        String group = c.string("video-group", "vigie-video-workers");
        Duration session = c.duration("session-timeout", Duration.ofSeconds(10));
        c.rejectUnknownKeys();
        return new VigieConfig.Cluster(bootstrap, roles, new org.vigie.stream.Topics.Sizes(events, correlation,
                incidents, cameras, replication), threads, state, app, resolution, margin, group, session);
    }

    private static final Pattern KEY_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** {@code access}: sessions, throttling of sign-in, and the API keys of machines (by their SHA-256 only). */
    private static AccessSettings access(YamlTree a, Path baseDir, Function<String, String> env, List<String> problems) {
        AccessSettings d = AccessSettings.defaults();
        boolean enabled = a.bool("enabled", true);
        Duration idle = a.duration("session-idle", d.sessionIdle());
        Duration absolute = a.duration("session-absolute", d.sessionAbsolute());
        if (idle.compareTo(Duration.ofMinutes(1)) < 0 || idle.compareTo(Duration.ofDays(1)) > 0) {
            a.problem(valueNode(a, "session-idle"), a.path() + ".session-idle", "expected between 1m and 1d, got " + idle);
            idle = d.sessionIdle();
        }
        if (absolute.compareTo(idle) < 0 || absolute.compareTo(Duration.ofDays(7)) > 0) {
            a.problem(valueNode(a, "session-absolute"), a.path() + ".session-absolute",
                    "expected between session-idle (" + idle + ") and 7d, got " + absolute);
            absolute = d.sessionAbsolute();
        }
        boolean secure = a.bool("always-secure-cookies", false);
        boolean proxy = a.bool("trust-proxy-headers", false);
        AccessSettings.Throttle throttle = a.child("throttle").map(t -> {
            AccessSettings.Throttle td = AccessSettings.Throttle.defaults();
            int account = t.integer("account-failures", td.accountFailures(), 1, 100);
            int address = t.integer("address-failures", td.addressFailures(), 1, 10_000);
            Duration first = t.duration("first-delay", td.firstDelay());
            Duration max = t.duration("max-delay", td.maxDelay());
            t.rejectUnknownKeys();
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || max.compareTo(Duration.ofDays(1)) > 0) {
                t.problem(t.node(), t.path(), "expected 0 < first-delay ≤ max-delay ≤ 1d, got " + first + " and " + max);
                return td;
            }
            return new AccessSettings.Throttle(account, address, first, max);
        }).orElse(AccessSettings.Throttle.defaults());
        var keys = new ArrayList<AccessSettings.MachineKey>();
        var names = new HashSet<String>();
        for (YamlTree k : a.list("api-keys")) {
            String name = k.string("name", null);
            String roleName = k.string("role", null);
            String sha = k.string("sha256", null);
            k.rejectUnknownKeys();
            if (name == null || !KEY_NAME.matcher(name).matches()) {
                k.problem(valueNode(k, "name"), k.path() + ".name", "required: 1..64 lower-case letters, digits, '.', '_' "
                        + "or '-' (it names the machine in the audit log), got " + (name == null ? "nothing" : "'" + name + "'"));
                continue;
            }
            if (!names.add(name)) {
                k.problem(valueNode(k, "name"), k.path() + ".name", "another API key is already named '" + name + "'");
            }
            var role = roleName == null ? Optional.<Role>empty() : Role.fromJson(roleName).filter(r -> r != Role.PUBLIC);
            if (role.isEmpty()) {
                k.problem(valueNode(k, "role"), k.path() + ".role", "expected source, operator, supervisor, auditor or "
                        + "admin, got " + (roleName == null ? "nothing" : "'" + roleName + "'"));
                continue;
            }
            if (sha == null || !sha.matches("[0-9a-f]{64}")) {
                k.problem(valueNode(k, "sha256"), k.path() + ".sha256", "expected the key's SHA-256 as 64 lower-case hex "
                        + "digits (vigie access key prints a new key and its hash); the key itself is never written here");
                continue;
            }
            keys.add(new AccessSettings.MachineKey(name, role.get(), sha));
        }
        OidcSettings oidc = a.child("oidc").map(o -> oidc(o, baseDir, env, problems)).orElse(null);
        String anchor = a.string("audit-anchor", null);
        Path anchorPath = anchor == null ? null : baseDir.resolve(anchor).normalize();
        if (anchorPath != null && Files.isDirectory(anchorPath)) {
            a.problem(valueNode(a, "audit-anchor"), a.path() + ".audit-anchor", "expected a file, got the folder " + anchorPath);
        }
        int every = a.integer("audit-anchor-every", 1, 1, 10_000);
        a.rejectUnknownKeys();
        return new AccessSettings(enabled, idle, absolute, secure, proxy, throttle, keys, oidc, anchorPath, every);
    }

    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:/-]+(\\.[A-Za-z0-9_:/-]+)*");

    /**
     * {@code access.oidc}: the city's single sign-on. The client secret comes from an environment variable or a file,
     * never from this file, and never appears in a message. Null (after reporting) when something is wrong.
     */
    private static OidcSettings oidc(YamlTree o, Path baseDir, Function<String, String> env, List<String> problems) {
        int before = problems.size();
        String name = o.string("name", null);
        if (name == null || name.isBlank() || name.length() > 64) {
            o.problem(valueNode(o, "name"), o.path() + ".name", "required: the provider's name on the sign-in button "
                    + "(1..64 characters), e.g. Ville de Marseille");
        }
        URI issuer = oidcUrl(o, "issuer", true);
        if (issuer != null && (issuer.getRawQuery() != null || issuer.getRawFragment() != null)) {
            o.problem(valueNode(o, "issuer"), o.path() + ".issuer", "an issuer has no query nor fragment, got '" + issuer + "'");
        }
        String clientId = o.string("client-id", null);
        if (clientId == null || clientId.isBlank()) {
            o.problem(valueNode(o, "client-id"), o.path() + ".client-id", "required: Vigie's client id at the provider");
        }
        String secretEnv = o.string("client-secret-env", null);
        String secretFile = o.string("client-secret-file", null);
        String secret = null;
        if ((secretEnv == null) == (secretFile == null)) {
            o.problem(o.node(), o.path() + ".client-secret-env", "give exactly one of client-secret-env (an environment "
                    + "variable's name) or client-secret-file (a file holding the secret); the secret itself is never "
                    + "written in the configuration");
        } else if (secretEnv != null) {
            secret = env.apply(secretEnv);
            if (secret == null || secret.isBlank()) {
                o.problem(valueNode(o, "client-secret-env"), o.path() + ".client-secret-env", "environment variable "
                        + secretEnv + " is not set or empty");
            }
        } else {
            Path file = baseDir.resolve(secretFile).normalize();
            try {
                secret = Files.readString(file).strip();
                if (secret.isEmpty()) {
                    o.problem(valueNode(o, "client-secret-file"), o.path() + ".client-secret-file", file + " is empty");
                }
            } catch (IOException e) {
                o.problem(valueNode(o, "client-secret-file"), o.path() + ".client-secret-file", "cannot read " + file
                        + ": " + e.getClass().getSimpleName());
            }
        }
        URI redirect = oidcUrl(o, "redirect-uri", false);
        if (redirect != null && !OidcSettings.CALLBACK_PATH.equals(redirect.getRawPath())) {
            o.problem(valueNode(o, "redirect-uri"), o.path() + ".redirect-uri", "expected this server's address with the "
                    + "path " + OidcSettings.CALLBACK_PATH + ", e.g. https://vigie.example" + OidcSettings.CALLBACK_PATH
                    + ", got '" + redirect + "'");
        }
        List<String> listed = o.strings("scopes");
        List<String> scopes = listed.isEmpty() ? List.of("openid", "profile") : listed;
        for (String scope : scopes) {
            if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                o.problem(valueNode(o, "scopes"), o.path() + ".scopes", "'" + scope + "' is not a scope token");
            }
        }
        String userClaim = o.string("user-claim", "preferred_username");
        String roleClaim = o.string("role-claim", "groups");
        for (var claim : List.of(Map.entry("user-claim", userClaim), Map.entry("role-claim", roleClaim))) {
            if (!CLAIM.matcher(claim.getValue()).matches()) {
                o.problem(valueNode(o, claim.getKey()), o.path() + "." + claim.getKey(), "expected a claim name (a dotted "
                        + "path reaches into objects, e.g. realm_access.roles), got '" + claim.getValue() + "'");
            }
        }
        var roles = new LinkedHashMap<String, Role>();
        o.child("roles").ifPresentOrElse(r -> {
            if (!(r.node() instanceof MappingNode m)) {
                r.problem(r.node(), r.path(), "expected CLAIM-VALUE: ROLE pairs, e.g. vigie-operators: operator");
                return;
            }
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode v)) {
                    r.problem(t.getKeyNode(), r.path(), "expected CLAIM-VALUE: ROLE pairs");
                    continue;
                }
                var role = Role.fromJson(v.getValue()).filter(Role::isForAccounts);
                if (role.isEmpty()) {
                    r.problem(v, r.path() + "." + k.getValue(), "expected operator, supervisor, auditor or admin, got '"
                            + v.getValue() + "'");
                } else {
                    roles.put(k.getValue(), role.get());
                }
            }
            if (m.getValue().isEmpty()) {
                r.problem(r.node(), r.path(), "map at least one claim value to a role");
            }
        }, () -> o.problem(o.node(), o.path() + ".roles", "required: which values of the role claim give which Vigie "
                + "role (operator, supervisor, auditor, admin); people with none are refused"));
        Duration skew = o.duration("clock-skew", OidcSettings.DEFAULT_CLOCK_SKEW);
        if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
            o.problem(valueNode(o, "clock-skew"), o.path() + ".clock-skew", "expected between 0s and 5m, got " + skew);
        }
        o.rejectUnknownKeys();
        if (problems.size() > before || roles.isEmpty()) {
            return null;
        }
        return new OidcSettings(name, issuer, clientId, secret, redirect, scopes, userClaim, roleClaim, roles, skew);
    }

    /** An absolute http(s) URL; http only for this machine (a test provider), since tokens travel over it. */
    private static URI oidcUrl(YamlTree o, String key, boolean required) {
        String v = o.string(key, null);
        if (v == null) {
            o.problem(o.node(), o.path() + "." + key, "required: an https URL");
            return null;
        }
        try {
            URI u = new URI(v);
            String host = u.getHost() == null ? "" : u.getHost();
            boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && local)) {
                o.problem(valueNode(o, key), o.path() + "." + key, "expected an https URL (http only for localhost), got '"
                        + v + "'");
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            o.problem(valueNode(o, key), o.path() + "." + key, "not a URL: '" + v + "'");
            return null;
        }
    }

    /** {@code retention}. Evidence is never kept beyond 30 days: a longer setting is an error, not a silent cap. */
    private static VigieConfig.Retention retention(YamlTree r, Path baseDir, Path evidenceDefault) {
        String dir = r.string("evidence-dir", null);
        Path evidenceDir = dir == null ? evidenceDefault : baseDir.resolve(dir).normalize();
        int evidenceDays = r.integer("evidence-days", VigieConfig.Retention.MAX_EVIDENCE_DAYS, Integer.MIN_VALUE,
                Integer.MAX_VALUE);
        if (evidenceDays < 1 || evidenceDays > VigieConfig.Retention.MAX_EVIDENCE_DAYS) {
            r.problem(valueNode(r, "evidence-days"), r.path() + ".evidence-days", "evidence is kept at most "
                    + VigieConfig.Retention.MAX_EVIDENCE_DAYS + " days (and at least 1), got " + evidenceDays);
            evidenceDays = VigieConfig.Retention.MAX_EVIDENCE_DAYS;
        }
        int eventDays = r.integer("event-days", VigieConfig.Retention.DEFAULT_EVENT_DAYS, 1, 36_500);
        Duration every = r.duration("every", Duration.ofDays(1));
        if (every.compareTo(Duration.ofMinutes(1)) < 0 || every.compareTo(Duration.ofDays(7)) > 0) {
            r.problem(valueNode(r, "every"), r.path() + ".every", "expected between 1m and 7d, got " + every);
            every = Duration.ofDays(1);
        }
        r.rejectUnknownKeys();
        return new VigieConfig.Retention(evidenceDir, evidenceDays, eventDays, every);
    }

    /**
     * {@code video}: camera files, each read on its own so that a mistake is reported with that file's name and
     * line. A camera's {@code url} that is a relative file path is taken from the camera file's folder, like every
     * other path of the configuration.
     */
    private static VigieConfig.Video video(YamlTree v, Path baseDir, List<String> problems) {
        var cameras = new ArrayList<CameraConfig>();
        var files = new LinkedHashMap<String, Path>();
        var ids = new HashSet<String>();
        for (String name : v.strings("cameras")) {
            Path file = baseDir.resolve(name).normalize();
            if (!Files.isRegularFile(file)) {
                v.problem(v.node(), v.path() + ".cameras", "no such camera file: " + file);
                continue;
            }
            try {
                CameraConfig c = CameraConfigReader.read(file.toString(), Files.readString(file));
                if (!ids.add(c.id())) {
                    v.problem(v.node(), v.path() + ".cameras", "camera id '" + c.id() + "' appears twice (in " + file + ")");
                    continue;
                }
                cameras.add(c.withUrl(localUrl(c.url(), file.getParent())));
                files.put(c.id(), file);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                v.problem(v.node(), v.path() + ".cameras", "cannot read camera file " + file + ": " + e.getMessage());
            }
        }
        v.rejectUnknownKeys();
        return new VigieConfig.Video(cameras, files);
    }

    /** A stream address stays as written; a relative file path is resolved against the camera file's folder. */
    private static String localUrl(String url, Path folder) {
        if (url.contains("://") || url.isEmpty()) {
            return url;
        }
        try {
            Path p = Path.of(url);
            return p.isAbsolute() ? url : folder.resolve(p).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return url; // not a path (an ffmpeg device or protocol spelling): handed to ffmpeg unchanged
        }
    }

    /** {@code audio}: acoustic sensors streaming live PCM to this process. */
    private static VigieConfig.Audio audio(YamlTree a, Path baseDir) {
        VigieConfig.Audio dflt = VigieConfig.Audio.NONE;
        var sensors = new ArrayList<AcousticSensor>();
        var ids = new HashSet<String>();
        for (YamlTree s : a.list("sensors")) {
            String id = s.string("id", null);
            double lat = s.number("lat", Double.NaN, -90.000001, 90);
            double lon = s.number("lon", Double.NaN, -180.000001, 180);
            double range = s.number("range-m", 300, 0, 10_000);
            if (id == null || id.isBlank() || id.length() > 128) {
                s.problem(s.node(), s.path() + ".id", "expected a sensor id of 1 to 128 characters");
            } else if (!ids.add(id)) {
                s.problem(s.node(), s.path() + ".id", "sensor id '" + id + "' appears twice");
            } else if (Double.isNaN(lat) || Double.isNaN(lon)) {
                s.problem(s.node(), s.path(), "expected lat and lon: a sensor without a position cannot place an event");
            } else {
                sensors.add(new AcousticSensor(id, lat, lon, range));
            }
            s.rejectUnknownKeys();
        }
        String model = a.string("model", null);
        Path modelPath = model == null ? null : baseDir.resolve(model).normalize();
        if (modelPath != null && !Files.isRegularFile(modelPath)) {
            a.problem(a.node(), a.path() + ".model", "no such file: " + modelPath);
        }
        var v = new VigieConfig.Audio(a.string("host", dflt.host()), a.integer("port", dflt.port(), 0, 65535), sensors,
                modelPath, a.duration("skew-bound", dflt.skewBound()));
        a.rejectUnknownKeys();
        return v;
    }

    /**
     * {@code social}: Mastodon-compatible timelines streamed live. The access token comes from the environment or a
     * file, never from the YAML (a configuration file is copied, versioned and pasted into tickets); no message here
     * ever holds its value.
     */
    private static VigieConfig.Social social(YamlTree x, Path baseDir, Function<String, String> env, ZoneId zone,
                                             List<String> problems) {
        var streams = new ArrayList<VigieConfig.SocialStream>();
        var ids = new HashSet<String>();
        BurstSettings d = BurstSettings.defaults();
        for (YamlTree s : x.list("streams")) {
            int before = problems.size();
            String id = s.string("id", null);
            if (id == null) {
                s.problem(s.node(), s.path() + ".id", "required: a short id such as mastodon-social (the source id of "
                        + "its events, social/ID)");
            } else if (!FeedConnector.NAME.matcher(id).matches()) {
                s.problem(valueNode(s, "id"), s.path() + ".id", "expected lower-case letters, digits, '.', '_' or '-' "
                        + "(at most 64), got '" + id + "'");
            } else if (!ids.add(id)) {
                s.problem(valueNode(s, "id"), s.path() + ".id", "another stream is already named '" + id + "'");
            }
            URI server = streamServer(s);
            String hashtag = s.string("hashtag", null);
            if (hashtag != null && !hashtag.replaceFirst("^#", "").matches("[\\p{L}\\p{N}_]{1,100}")) {
                s.problem(valueNode(s, "hashtag"), s.path() + ".hashtag", "expected a hashtag of letters, digits and '_'"
                        + ", e.g. ApéroGéant, got '" + hashtag + "'");
            }
            String token = accessToken(s, baseDir, env);
            Duration window = s.duration("window", d.window());
            int k = s.integer("min-authors", d.minAuthors(), 2, 10_000);
            double falseAlarms = s.number("false-alarms-per-day", d.falseAlarmsPerDay(), 0, 100);
            Duration minHistory = s.duration("min-history", d.minHistory());
            Duration lateness = s.duration("lateness", VigieConfig.SocialStream.DEFAULT_LATENESS);
            Duration every = s.duration("evaluate-every", VigieConfig.SocialStream.DEFAULT_EVALUATE_EVERY);
            Duration reconnect = s.duration("reconnect", VigieConfig.SocialStream.DEFAULT_RECONNECT);
            Duration maxBackoff = s.duration("max-backoff", VigieConfig.SocialStream.DEFAULT_MAX_BACKOFF);
            Duration idleTimeout = s.duration("idle-timeout", VigieConfig.SocialStream.DEFAULT_IDLE_TIMEOUT);
            s.rejectUnknownKeys();
            if (lateness.isNegative() || lateness.compareTo(Duration.ofHours(1)) > 0) {
                s.problem(valueNode(s, "lateness"), s.path() + ".lateness", "expected 0 .. 1h, got " + lateness);
            }
            if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofHours(1)) > 0) {
                s.problem(valueNode(s, "evaluate-every"), s.path() + ".evaluate-every", "expected 1s .. 1h, got " + every);
            }
            if (reconnect.compareTo(Duration.ofSeconds(1)) < 0 || reconnect.compareTo(Duration.ofHours(1)) > 0) {
                s.problem(valueNode(s, "reconnect"), s.path() + ".reconnect", "expected 1s .. 1h, got " + reconnect);
            }
            if (maxBackoff.compareTo(reconnect) < 0 || maxBackoff.compareTo(Duration.ofDays(1)) > 0) {
                s.problem(valueNode(s, "max-backoff"), s.path() + ".max-backoff", "expected between reconnect ("
                        + reconnect + ") and 1d, got " + maxBackoff);
            }
            if (idleTimeout.compareTo(Duration.ofSeconds(10)) < 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
                s.problem(valueNode(s, "idle-timeout"), s.path() + ".idle-timeout", "expected 10s .. 1h (servers send a "
                        + "heartbeat every few seconds), got " + idleTimeout);
            }
            BurstSettings bursts = null;
            try {
                bursts = new BurstSettings(window, k, falseAlarms, d.halfLife(), d.minExpected(), d.priorWindows(),
                        minHistory, d.idleAfter(), d.maxSeries(), d.topTerms(), zone);
            } catch (IllegalArgumentException e) {
                s.problem(s.node(), s.path(), e.getMessage());
            }
            if (problems.size() == before) {
                streams.add(new VigieConfig.SocialStream(id, server, hashtag, token, bursts, lateness, every, reconnect,
                        maxBackoff, idleTimeout));
            }
        }
        x.rejectUnknownKeys();
        return new VigieConfig.Social(streams);
    }

    /** https, or http to this machine only: posts and the token must not cross a network in the clear. */
    private static URI streamServer(YamlTree s) {
        String url = s.string("server", null);
        if (url == null) {
            s.problem(s.node(), s.path() + ".server", "required: the server's address, e.g. https://mastodon.social");
            return null;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(java.util.Locale.ROOT);
            boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if (u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null && !host.isEmpty()
                    && (scheme.equals("https") || scheme.equals("http") && local)) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below with the expected shapes
        }
        s.problem(valueNode(s, "server"), s.path() + ".server", "expected https://HOST (or http://localhost for a "
                + "server on this machine), without query nor credentials, got '"
                + (url.contains("?") ? url.substring(0, url.indexOf('?')) + "?…" : url.replaceFirst("//[^/@]*@", "//…@")) + "'");
        return null;
    }

    private static String accessToken(YamlTree s, Path baseDir, Function<String, String> env) {
        for (String written : List.of("access-token", "token")) {
            if (s.string(written, null) != null) { // read so that it is not also "unknown"; its value is never shown
                s.problem(valueNode(s, written), s.path() + "." + written, "the token is never written in the "
                        + "configuration; name an environment variable (access-token-env) or a file (access-token-file)");
            }
        }
        String fromEnv = s.string("access-token-env", null);
        String fromFile = s.string("access-token-file", null);
        if (fromEnv != null && fromFile != null) {
            s.problem(s.node(), s.path() + ".access-token-env", "give at most one of access-token-env and access-token-file");
            return null;
        }
        if (fromEnv != null) {
            String v = env.apply(fromEnv);
            if (v == null || v.isBlank()) {
                s.problem(valueNode(s, "access-token-env"), s.path() + ".access-token-env", "environment variable "
                        + fromEnv + " is not set or empty");
                return null;
            }
            return v.strip();
        }
        if (fromFile != null) {
            Path file = baseDir.resolve(fromFile).normalize();
            try {
                String v = Files.readString(file).strip();
                if (v.isEmpty()) {
                    s.problem(valueNode(s, "access-token-file"), s.path() + ".access-token-file", file + " is empty");
                    return null;
                }
                return v;
            } catch (IOException e) {
                s.problem(valueNode(s, "access-token-file"), s.path() + ".access-token-file", "cannot read " + file
                        + ": " + e.getClass().getSimpleName());
            }
        }
        return null;
    }

    /** {@code console}: tiles ({@code none} for offline), cameras and acoustic sensors. */
    private static VigieConfig.Console console(YamlTree c) {
        VigieConfig.Console d = VigieConfig.Console.defaults();
        String tiles = c.string("tiles", d.tiles());
        if (tiles.equals("none")) {
            tiles = "";
        }
        String attribution = c.string("tile-attribution", tiles.equals(d.tiles()) ? d.tileAttribution() : "");
        try {
            new org.vigie.server.console.ConsoleSettings(tiles, attribution, List.of(), ZoneId.of("UTC"));
        } catch (IllegalArgumentException e) {
            c.problem(c.node(), c.path() + ".tiles", e.getMessage() + " (or none, for the district layer alone)");
            tiles = "";
        }
        var cameras = new ArrayList<org.vigie.server.cameras.CameraDirectory.Camera>();
        var ids = new HashSet<String>();
        for (YamlTree cam : c.list("cameras")) {
            String id = cam.string("id", "");
            try {
                cameras.add(new org.vigie.server.cameras.CameraDirectory.Camera(id, cam.string("name", id),
                        cam.number("lat", Double.NaN, -90.000001, 90), cam.number("lon", Double.NaN, -180.000001, 180)));
                if (!ids.add(id)) {
                    cam.problem(cam.node(), cam.path() + ".id", "camera id '" + id + "' is used twice");
                }
            } catch (IllegalArgumentException e) {
                cam.problem(cam.node(), cam.path(), e.getMessage());
            }
            cam.rejectUnknownKeys();
        }
        var sensors = new ArrayList<org.vigie.server.console.ConsoleSettings.Sensor>();
        for (YamlTree sen : c.list("sensors")) {
            String id = sen.string("id", "");
            try {
                sensors.add(new org.vigie.server.console.ConsoleSettings.Sensor(id, sen.string("name", id),
                        sen.number("lat", Double.NaN, -90.000001, 90), sen.number("lon", Double.NaN, -180.000001, 180)));
            } catch (IllegalArgumentException e) {
                sen.problem(sen.node(), sen.path(), e.getMessage());
            }
            sen.rejectUnknownKeys();
        }
        c.rejectUnknownKeys();
        return new VigieConfig.Console(tiles, attribution, cameras, sensors);
    }

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofDays(1);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /**
     * {@code feeds.connectors}. Format names are checked once the formats are built from the whole configuration
     * (see {@code FeedConnectors.check}); each connector keeps the line of its {@code format} for that.
     */
    private static VigieConfig.Feeds feeds(YamlTree f, String fileName, Path baseDir, Function<String, String> env,
                                            List<String> problems) {
        var connectors = new ArrayList<VigieConfig.Connector>();
        var names = new HashSet<String>();
        for (YamlTree c : f.list("connectors")) {
            int before = problems.size();
            String name = c.string("name", null);
            String format = c.string("format", null);
            String url = c.string("url", null);
            Duration interval = c.duration("interval", VigieConfig.Connector.DEFAULT_INTERVAL);
            Duration timeout = c.duration("timeout", VigieConfig.Connector.DEFAULT_TIMEOUT);
            Duration maxBackoff = c.duration("max-backoff", VigieConfig.Connector.DEFAULT_MAX_BACKOFF);
            String source = c.string("source", name);
            int maxBytes = c.integer("max-bytes", FeedFormat.MAX_DOCUMENT_BYTES, 1, FeedFormat.MAX_DOCUMENT_BYTES);
            Map<String, String> headers = headers(c, env);
            c.rejectUnknownKeys();
            if (name == null) {
                c.problem(c.node(), c.path() + ".name", "required: a short name such as sdis13-cap (used in metrics and logs)");
            } else if (!FeedConnector.NAME.matcher(name).matches()) {
                c.problem(valueNode(c, "name"), c.path() + ".name", "expected lower-case letters, digits, '.', '_' or '-' "
                        + "(at most 64), got '" + name + "'");
            } else if (!names.add(name)) {
                c.problem(valueNode(c, "name"), c.path() + ".name", "another connector is already named '" + name + "'");
            }
            if (format == null) {
                c.problem(c.node(), c.path() + ".format", "required: the feed format, e.g. cap (see GET /api/v1/feeds)");
            }
            if (source != null && (source.isBlank() || source.length() > Source.MAX_ID_LENGTH)) {
                c.problem(valueNode(c, "source"), c.path() + ".source", "expected 1.." + Source.MAX_ID_LENGTH + " characters");
            }
            if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
                c.problem(valueNode(c, "interval"), c.path() + ".interval", "expected between 1s and 1d, got " + interval);
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                c.problem(valueNode(c, "timeout"), c.path() + ".timeout", "expected more than 0 and at most 10m, got " + timeout);
            }
            if (maxBackoff.compareTo(interval) < 0 || maxBackoff.compareTo(MAX_INTERVAL) > 0) {
                c.problem(valueNode(c, "max-backoff"), c.path() + ".max-backoff", "expected between the interval ("
                        + interval + ") and 1d, got " + maxBackoff);
            }
            URI uri = url == null ? null : feedUrl(c, expand(c, "url", url, env), baseDir);
            if (url == null) {
                c.problem(c.node(), c.path() + ".url", "required: http(s)://… or file:FOLDER");
            }
            if (uri != null && "file".equals(uri.getScheme()) && !headers.isEmpty()) {
                c.problem(valueNode(c, "headers"), c.path() + ".headers", "headers apply to http(s) URLs only");
            }
            if (problems.size() == before && uri != null) {
                int line = valueNode(c, "format").getStartMark().getLine() + 1;
                connectors.add(new VigieConfig.Connector(name, format, uri, interval, timeout, headers, source, maxBytes,
                        maxBackoff, fileName + ":" + line + ": " + c.path() + ".format"));
            }
        }
        Map<String, Path> mappings = mappings(f, baseDir, problems);
        f.rejectUnknownKeys();
        return new VigieConfig.Feeds(connectors, mappings);
    }

    private static URI feedUrl(YamlTree c, String url, Path baseDir) {
        if (url.startsWith("file:")) {
            Path folder;
            try {
                folder = url.startsWith("file:/") ? Path.of(URI.create(url)) : baseDir.resolve(url.substring(5));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                c.problem(valueNode(c, "url"), c.path() + ".url", "not a file URL: " + e.getMessage());
                return null;
            }
            folder = folder.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                c.problem(valueNode(c, "url"), c.path() + ".url", "no such folder: " + folder);
                return null;
            }
            return folder.toUri();
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below with the expected shapes
        }
        c.problem(valueNode(c, "url"), c.path() + ".url", "expected http://HOST/…, https://HOST/… or file:FOLDER, got '"
                + (url.contains("?") ? url.substring(0, url.indexOf('?')) + "?…" : url) + "'");
        return null;
    }

    private static Map<String, String> headers(YamlTree c, Function<String, String> env) {
        var headers = new LinkedHashMap<String, String>();
        c.child("headers").ifPresent(h -> {
            if (!(h.node() instanceof MappingNode m)) {
                return; // YamlTree already said "expected a mapping"
            }
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode v)) {
                    h.problem(t.getKeyNode(), h.path(), "expected NAME: VALUE pairs");
                    continue;
                }
                String key = h.path() + "." + k.getValue();
                if (!HEADER_NAME.matcher(k.getValue()).matches()) {
                    h.problem(k, key, "not a valid header name");
                } else if (HttpPoller.RESERVED_HEADERS.contains(k.getValue().toLowerCase(java.util.Locale.ROOT))) {
                    h.problem(k, key, "set by Vigie itself; it cannot be configured");
                } else if (v.getValue().indexOf('\r') >= 0 || v.getValue().indexOf('\n') >= 0) {
                    h.problem(v, key, "a header value is one line");
                } else {
                    headers.put(k.getValue(), expand(h, k.getValue(), v.getValue(), env));
                }
            }
        });
        return headers;
    }

    /** {@code ${NAME}} from the environment, so that an API key need not be written in the file. */
    private static String expand(YamlTree t, String key, String value, Function<String, String> env) {
        Matcher m = ENV.matcher(value);
        var out = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                t.problem(valueNode(t, key), t.path() + "." + key, "environment variable " + m.group(1) + " is not set");
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The node of a key's value, for problems that point at it; the mapping itself when the key is absent. */
    private static Node valueNode(YamlTree t, String key) {
        if (t.node() instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return t.node();
    }

    private static VigieConfig.Gtfs gtfs(YamlTree g, Path baseDir) {
        String location = g.string("static", null);
        URI feed = null;
        if (location == null) {
            g.problem(g.node(), g.path() + ".static", "required: a zip or folder of the static GTFS, or its http(s) URL");
        } else if (location.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") || location.startsWith("file:")) {
            try {
                feed = new URI(location);
                String scheme = feed.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
                    g.problem(g.node(), g.path() + ".static", "expected a path, a file: URI or an http(s) URL, got '"
                            + location + "'");
                } else if (scheme.equals("file") && !Files.exists(Path.of(feed))) {
                    g.problem(g.node(), g.path() + ".static", "no such file or folder: " + Path.of(feed));
                }
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                g.problem(g.node(), g.path() + ".static", "not a valid URL: " + e.getMessage());
            }
        } else {
            Path path = baseDir.resolve(location).normalize();
            if (!Files.exists(path)) {
                g.problem(g.node(), g.path() + ".static", "no such file or folder: " + path);
            }
            feed = path.toUri();
        }
        Duration timeout = g.duration("fetch-timeout", Duration.ofMinutes(2));
        RealtimeSettings d = RealtimeSettings.defaults();
        double factor = g.number("stopped-vehicle-factor", d.stoppedFactor(), 0, 100);
        Duration minimum = g.duration("stopped-vehicle-minimum", d.stoppedMinimum());
        String off = g.string("delay-threshold", null);
        Duration delay = "0".equals(off) || "off".equals(off) ? Duration.ZERO
                : g.duration("delay-threshold", d.delayThreshold());
        int maxStations = g.integer("alert-max-stations", d.maxStationsPerAlert(), 1, 1000);
        var languages = g.strings("languages");
        g.rejectUnknownKeys();
        RealtimeSettings realtime = d;
        try {
            realtime = d.withStopped(factor, minimum).withDelayThreshold(delay).withMaxStationsPerAlert(maxStations)
                    .withLanguages(languages.isEmpty() ? d.languages() : languages);
        } catch (IllegalArgumentException e) {
            g.problem(g.node(), g.path(), e.getMessage());
        }
        return new VigieConfig.Gtfs(feed, timeout, realtime);
    }

    /** Each mapping file is read here too, so that its own problems (with its own lines) fail start-up early. */
    private static Map<String, Path> mappings(YamlTree f, Path baseDir, List<String> problems) {
        var mappings = new TreeMap<String, Path>();
        f.child("mappings").ifPresent(m -> {
            if (!(m.node() instanceof MappingNode node)) {
                return; // YamlTree said it expected a mapping
            }
            for (NodeTuple t : node.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    continue;
                }
                String name = k.getValue();
                String file = m.string(name, null);
                String key = m.path() + "." + name;
                if (!TabularMapping.NAME.matcher(name).matches()) {
                    m.problem(t.getKeyNode(), key, "a mapping name must match " + TabularMapping.NAME.pattern()
                            + " (it becomes the format tabular." + name + ")");
                } else if (file == null) {
                    m.problem(t.getValueNode(), key, "expected the path of a mapping file");
                } else {
                    Path path = baseDir.resolve(file).normalize();
                    if (!Files.isRegularFile(path)) {
                        m.problem(t.getValueNode(), key, "no such file: " + path);
                        continue;
                    }
                    try {
                        TabularMappings.load(path);
                        mappings.put(name, path);
                    } catch (ConfigException e) {
                        problems.addAll(e.problems());
                    }
                }
            }
        });
        return mappings;
    }

    private static VigieConfig.Anomalies anomalies(YamlTree a) {
        var d = VigieConfig.Anomalies.defaults();
        AnomalySettings s = d.settings();
        boolean enabled = a.bool("enabled", d.enabled());
        String zonesText = a.string("zones", "districts");
        VigieConfig.AnomalyZones zones = switch (zonesText) {
            case "districts" -> VigieConfig.AnomalyZones.DISTRICTS;
            case "cells" -> VigieConfig.AnomalyZones.CELLS;
            default -> {
                a.problem(a.node(), a.path() + ".zones", "expected districts or cells, got '" + zonesText + "'");
                yield d.zones();
            }
        };
        int resolution = a.integer("zone-resolution", d.zoneResolution(), 0, 9);
        int weeks = a.integer("weeks", s.weeks(), 1, 52);
        Duration minHistory = a.duration("min-history", s.minHistory());
        double perDay = a.number("false-alarms-per-day", s.falseAlarmsPerDay(), 0, 24);
        int minCount = a.integer("min-count", s.minCount(), 2, 1_000_000);
        double minExpected = a.number("min-expected", s.minExpected(), 0, 10);
        Duration lateness = a.duration("lateness", d.lateness());
        a.rejectUnknownKeys();
        if (lateness.isNegative() || lateness.compareTo(Duration.ofHours(24)) > 0) {
            a.problem(a.node(), a.path() + ".lateness", "expected a duration in [0, 24h], got " + lateness);
            lateness = d.lateness();
        }
        try {
            s = new AnomalySettings(weeks, minHistory, perDay, minCount, minExpected);
        } catch (IllegalArgumentException e) {
            a.problem(a.node(), a.path(), e.getMessage());
        }
        return new VigieConfig.Anomalies(enabled, zones, resolution, s, lateness);
    }


    private static CorrelationRules correlation(YamlTree c) {
        CorrelationRules defaults = CorrelationRules.defaults();
        double radius = c.number("default-radius-m", 250, 0, CorrelationRule.MAX_RADIUS_METERS);
        Duration window = c.duration("default-window", Duration.ofMinutes(15));
        boolean hasRules = false;
        var rules = new ArrayList<CorrelationRule>();
        Set<EventType> seen = new HashSet<>();
        for (YamlTree r : c.list("rules")) {
            hasRules = true;
            String name = r.string("name", r.path());
            var types = new HashSet<EventType>();
            for (String t : r.strings("types")) {
                EventType.fromJson(t).ifPresentOrElse(type -> {
                    if (!seen.add(type)) {
                        r.problem(r.node(), r.path() + ".types", "'" + t + "' is already in another rule; a type belongs to one rule");
                    }
                    types.add(type);
                }, () -> r.problem(r.node(), r.path() + ".types", "unknown event type '" + t + "'"));
            }
            double rr = r.number("radius-m", radius, 0, CorrelationRule.MAX_RADIUS_METERS);
            Duration w = r.duration("window", window);
            r.rejectUnknownKeys();
            if (types.isEmpty()) {
                r.problem(r.node(), r.path() + ".types", "a rule needs at least one event type");
                continue;
            }
            if (w.isZero() || w.isNegative() || w.compareTo(CorrelationRule.MAX_WINDOW) > 0) {
                r.problem(r.node(), r.path() + ".window", "expected a window in (0, 24h], got " + w);
                continue;
            }
            rules.add(new CorrelationRule(name, types, rr, w));
        }
        // Present (even as an empty list, which turns them off): exactly those; absent: the shipped ones.
        boolean compositesGiven = has(c, "composite-rules");
        var composites = new ArrayList<CompositeRule>();
        for (YamlTree r : c.list("composite-rules")) {
            compositeRule(r).ifPresent(composites::add);
        }
        c.rejectUnknownKeys();
        try {
            return new CorrelationRules(hasRules ? rules : defaults.rules().stream()
                    .filter(r -> r.types().size() > 1).toList(),
                    compositesGiven ? composites : CorrelationRules.defaultComposites(), radius, window);
        } catch (IllegalArgumentException e) {
            c.problem(c.node(), c.path(), e.getMessage());
            return defaults;
        }
    }

    private static boolean has(YamlTree tree, String key) {
        if (tree.node() instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<CompositeRule> compositeRule(YamlTree r) {
        String name = r.string("name", null);
        var anchor = r.child("anchor").map(ConfigLoader::part);
        var with = new ArrayList<CompositeRule.Part>();
        boolean partsOk = true;
        for (YamlTree w : r.list("with")) {
            var part = part(w);
            partsOk &= part.isPresent();
            part.ifPresent(with::add);
        }
        double radius = r.number("radius-m", Double.NaN, 0, CorrelationRule.MAX_RADIUS_METERS);
        Duration window = r.duration("window", null);
        String typeName = r.string("type", null);
        EventType type = typeName == null ? null : EventType.fromJson(typeName).orElse(null);
        int priority = r.integer("priority", 5, 1, 5);
        r.rejectUnknownKeys();
        var missing = new ArrayList<String>();
        if (name == null) {
            missing.add("name");
        }
        if (!has(r, "anchor")) {
            missing.add("anchor");
        }
        if (!has(r, "with")) {
            missing.add("with");
        }
        if (!has(r, "radius-m")) {
            missing.add("radius-m");
        }
        if (!has(r, "window")) {
            missing.add("window");
        }
        if (typeName == null) {
            missing.add("type");
        }
        if (!missing.isEmpty()) {
            r.problem(r.node(), r.path(), "a composite rule needs " + String.join(", ", missing));
            return Optional.empty();
        }
        if (type == null) {
            r.problem(r.node(), r.path() + ".type", "unknown event type '" + typeName + "'");
            return Optional.empty();
        }
        if (anchor.isEmpty() || anchor.get().isEmpty() || !partsOk || Double.isNaN(radius)) {
            return Optional.empty(); // already reported
        }
        try {
            return Optional.of(new CompositeRule(name, anchor.get().get(), with, radius, window, type, priority));
        } catch (IllegalArgumentException e) {
            r.problem(r.node(), r.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<CompositeRule.Part> part(YamlTree p) {
        var types = new HashSet<EventType>();
        boolean ok = true;
        for (String t : p.strings("types")) {
            var type = EventType.fromJson(t);
            if (type.isEmpty()) {
                p.problem(p.node(), p.path() + ".types", "unknown event type '" + t + "'");
                ok = false;
            }
            type.ifPresent(types::add);
        }
        var sources = new HashSet<SourceKind>();
        for (String k : p.strings("sources")) {
            var kind = SourceKind.fromJson(k);
            if (kind.isEmpty()) {
                p.problem(p.node(), p.path() + ".sources", "unknown kind of source '" + k + "'; expected one of "
                        + Arrays.stream(SourceKind.values()).map(SourceKind::jsonName).toList());
                ok = false;
            }
            kind.ifPresent(sources::add);
        }
        int minCount = p.integer("min-count", 1, 1, CompositeRule.Part.MAX_COUNT);
        p.rejectUnknownKeys();
        if (types.isEmpty() && ok) {
            p.problem(p.node(), p.path() + ".types", "a part needs at least one event type");
            return Optional.empty();
        }
        return ok ? Optional.of(new CompositeRule.Part(types, sources, minCount)) : Optional.empty();
    }

    private static VigieConfig.Fusion fusion(YamlTree f, Path baseDir, List<String> problems) {
        VigieConfig.Fusion dflt = VigieConfig.Fusion.defaults();
        var priors = new EnumMap<SourceKind, Double>(SourceKind.class);
        double strength = dflt.priorStrength();
        var reliability = f.child("reliability");
        if (reliability.isPresent()) {
            YamlTree r = reliability.get();
            strength = r.number("prior-strength", strength, 0, 1000);
            r.child("defaults").ifPresent(d -> {
                for (SourceKind k : SourceKind.values()) {
                    double v = d.number(k.jsonName(), Double.NaN, 0, 1);
                    if (v == 1) {
                        d.problem(d.node(), d.path() + "." + k.jsonName(), "expected a reliability in (0, 1), got 1: "
                                + "no source is never wrong");
                    } else if (!Double.isNaN(v)) {
                        priors.put(k, v);
                    }
                }
                d.rejectUnknownKeys();
            });
            r.rejectUnknownKeys();
        }
        var places = new ArrayList<VulnerablePlace>();
        f.child("vulnerable-places").ifPresent(v -> places.addAll(places(v, baseDir, problems)));
        Procedures procedures = f.child("sop").map(s -> procedures(s, baseDir, problems)).orElse(dflt.procedures());
        f.rejectUnknownKeys();
        return new VigieConfig.Fusion(priors, strength, places, procedures);
    }

    private static List<VulnerablePlace> places(YamlTree v, Path baseDir, List<String> problems) {
        var out = new ArrayList<VulnerablePlace>();
        double radius = v.number("radius-m", VulnerablePlace.DEFAULT_RADIUS_METERS, 0, VulnerablePlace.MAX_RADIUS_METERS);
        String file = v.string("file", null);
        if (file != null) {
            Path path = baseDir.resolve(file).normalize();
            try {
                out.addAll(placesFromGeoJson(path, Json.MAPPER.readTree(Files.readString(path)), radius, problems));
            } catch (IOException e) {
                v.problem(v.node(), v.path() + ".file", "cannot read " + path + ": " + e.getMessage());
            }
        }
        for (YamlTree p : v.list("places")) {
            String name = p.string("name", null);
            String kind = p.string("kind", null);
            place(p, name, kind, radius, kind == null ? 0 : VulnerablePlace.defaultWeight(kind)).ifPresent(out::add);
        }
        v.child("transit-stops").ifPresent(t -> {
            double weight = t.number("weight", VulnerablePlace.defaultWeight(VulnerablePlace.TRANSIT_STATION), 0,
                    VulnerablePlace.MAX_WEIGHT);
            double stopRadius = t.number("radius-m", radius, 0, VulnerablePlace.MAX_RADIUS_METERS);
            for (YamlTree s : t.list("stops")) {
                String name = s.string("name", null);
                double lat = s.number("lat", Double.NaN, -1000, 1000);
                double lon = s.number("lon", Double.NaN, -1000, 1000);
                s.rejectUnknownKeys();
                newPlace(s, name, VulnerablePlace.TRANSIT_STATION, lat, lon, weight, stopRadius).ifPresent(out::add);
            }
            t.rejectUnknownKeys();
        });
        v.rejectUnknownKeys();
        return out;
    }

    private static Optional<VulnerablePlace> place(YamlTree p, String name, String kind, double radius,
                                                             double weight) {
        double lat = p.number("lat", Double.NaN, -1000, 1000);
        double lon = p.number("lon", Double.NaN, -1000, 1000);
        double w = p.number("weight", weight, 0, VulnerablePlace.MAX_WEIGHT);
        double r = p.number("radius-m", radius, 0, VulnerablePlace.MAX_RADIUS_METERS);
        p.rejectUnknownKeys();
        return newPlace(p, name, kind, lat, lon, w, r);
    }

    private static Optional<VulnerablePlace> newPlace(YamlTree at, String name, String kind, double lat,
                                                                double lon, double weight, double radius) {
        if (name == null || kind == null || Double.isNaN(lat) || Double.isNaN(lon)) {
            at.problem(at.node(), at.path(), "a place needs a name, " + (kind == null ? "a kind, " : "") + "lat and lon");
            return Optional.empty();
        }
        try {
            return Optional.of(new VulnerablePlace(name, kind, lat, lon, weight, radius));
        } catch (IllegalArgumentException e) {
            at.problem(at.node(), at.path(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Sites as GeoJSON Points with properties {@code name}, {@code kind}, and optionally {@code weight} and
     * {@code radius_m}. Each problem names the file and the feature.
     */
    static List<VulnerablePlace> placesFromGeoJson(Path file, JsonNode root, double radius, List<String> problems) {
        var out = new ArrayList<VulnerablePlace>();
        JsonNode features = root.path("features");
        if (!"FeatureCollection".equals(root.path("type").asText()) || !features.isArray()) {
            problems.add(file + ": expected a GeoJSON FeatureCollection");
            return out;
        }
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            JsonNode geometry = feature.path("geometry");
            JsonNode coordinates = geometry.path("coordinates");
            JsonNode props = feature.path("properties");
            String where = file + ": features[" + i + "]: ";
            if (!"Point".equals(geometry.path("type").asText()) || coordinates.size() < 2
                    || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
                problems.add(where + "expected a Point geometry with [lon, lat]");
                continue;
            }
            String name = props.path("name").isTextual() ? props.path("name").asText() : null;
            String kind = props.path("kind").isTextual() ? props.path("kind").asText() : null;
            if (name == null || kind == null) {
                problems.add(where + "properties need a name and a kind (e.g. school, transit_station)");
                continue;
            }
            double weight = props.path("weight").isNumber() ? props.path("weight").asDouble() : VulnerablePlace.defaultWeight(kind);
            double r = props.path("radius_m").isNumber() ? props.path("radius_m").asDouble() : radius;
            try {
                out.add(new VulnerablePlace(name, kind, coordinates.get(1).asDouble(), coordinates.get(0).asDouble(),
                        weight, r));
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        return out;
    }

    private static Procedures procedures(YamlTree s, Path baseDir, List<String> problems) {
        Procedures p = Procedures.shipped();
        String file = s.string("file", null);
        if (file != null) {
            Path path = baseDir.resolve(file).normalize();
            try {
                p = p.overriddenBy(YamlTree.parse(path.toString(), Files.readString(path), problems));
            } catch (IOException e) {
                s.problem(s.node(), s.path() + ".file", "cannot read " + path + ": " + e.getMessage());
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        var inline = s.child("procedures");
        if (inline.isPresent()) {
            p = p.overriddenBy(inline.get());
        }
        s.rejectUnknownKeys();
        return p;
    }
}
