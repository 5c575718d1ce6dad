package org.vigie.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.time.ZoneId;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.audio.AcousticSensor;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.poll.HttpPoller;
import org.vigie.feeds.gtfs.RealtimeSettings;
import org.vigie.server.access.AccessSettings;
import org.vigie.server.open311.Open311Settings;
import org.vigie.core.model.SourceKind;
import org.vigie.core.priority.Reliabilities;
import org.vigie.core.priority.VulnerablePlace;
import org.vigie.core.sop.Procedures;
import org.vigie.store.StoreConfig;

/**
 * Everything one Vigie process needs, read from one YAML file (see {@code docs/configuration.md} and
 * {@code vigie config check FILE}). Defaults make an embedded platform with a SQLite file under {@code vigie-data/}.
 */
public record VigieConfig(Server server, Store store, City city, CorrelationRules correlation, Feeds feeds, Gtfs gtfs,
                          Open311Settings open311, Anomalies anomalies, Fusion fusion, AccessSettings access,
                          Retention retention, AccountabilitySettings accountability, Console console,
                          Audio audio, Video video, Social social, Cluster cluster) {

    public VigieConfig {
        social = social == null ? Social.NONE : social;
        video = video == null ? Video.NONE : video;
        console = console == null ? Console.defaults() : console;
        audio = audio == null ? Audio.NONE : audio;
        feeds = feeds == null ? Feeds.NONE : feeds;
        open311 = open311 == null ? Open311Settings.defaults() : open311;
        anomalies = anomalies == null ? Anomalies.defaults() : anomalies;
        fusion = fusion == null ? Fusion.defaults() : fusion;
        access = access == null ? AccessSettings.defaults() : access;
        Objects.requireNonNull(retention, "retention (Retention.defaults(dataDir))");
        accountability = accountability == null ? AccountabilitySettings.defaults() : accountability;
    }

    /** The sections that came after fusion with their defaults (access checked, evidence beside the store). */
    public VigieConfig(Server server, Store store, City city, CorrelationRules correlation, Feeds feeds, Gtfs gtfs,
                       Open311Settings open311, Anomalies anomalies, Fusion fusion) {
        this(server, store, city, correlation, feeds, gtfs, open311, anomalies, fusion, AccessSettings.defaults(),
                Retention.defaults(Retention.evidenceBeside(store)), AccountabilitySettings.defaults(), null, null, null,
                null, null);
    }

    /** A configuration with the defaults of every optional section: no feed fetched, no transit network. */
    public VigieConfig(Server server, Store store, City city, CorrelationRules correlation) {
        this(server, store, city, correlation, Feeds.NONE, null, Open311Settings.defaults(), Anomalies.defaults(),
                Fusion.defaults());
    }

    /**
     * The operator console: the map's tiles, and the cameras and acoustic sensors it shows. Evidence lives where
     * {@link Retention#evidenceDir()} says, the one folder the purge empties.
     *
     * @param tiles       a tile URL template, or empty for the district layer alone (an offline centre)
     * @param cameras     cameras shown until the video workers provide them (layouts held in memory)
     */
    public record Console(String tiles, String tileAttribution,
                          List<org.vigie.server.cameras.CameraDirectory.Camera> cameras,
                          List<org.vigie.server.console.ConsoleSettings.Sensor> sensors) {
        public Console {
            tiles = tiles == null ? "" : tiles;
            tileAttribution = tileAttribution == null ? "" : tileAttribution;
            cameras = List.copyOf(cameras);
            sensors = List.copyOf(sensors);
        }

        public static Console defaults() {
            return new Console(org.vigie.server.console.ConsoleSettings.OPENSTREETMAP,
                    org.vigie.server.console.ConsoleSettings.OPENSTREETMAP_CREDIT, List.of(), List.of());
        }

    }

    /**
     * Acoustic sensors streaming live PCM to this process (see {@code docs/audio.md}); none by default. Their
     * impulsive segments go to the one evidence store ({@link Retention#evidenceDir()}).
     *
     * @param host      address the sensors connect to
     * @param port      one port for all sensors: each frame names its sensor
     * @param model     a trained classifier (JSON); null means the physics rules
     * @param skewBound timing error beyond which a sensor's clock is reported and left out of localisation
     */
    public record Audio(String host, int port, List<AcousticSensor> sensors, Path model, Duration skewBound) {
        public static final Audio NONE = new Audio("0.0.0.0", 7070, List.of(), null, Duration.ofMillis(10));

        public Audio {
            sensors = List.copyOf(sensors);
        }
    }

    /**
     * Cameras analysed by this process (one camera file each, see {@code docs/configuration.md}); none by default. Their
     * events enter the common ingest on channel {@code video}; their pixelated snapshots go to the one evidence
     * store ({@link Retention#evidenceDir()}).
     *
     * @param files each camera's file by camera id, where layouts edited in the console are written back
     */
    public record Video(List<org.vigie.vision.camera.CameraConfig> cameras, Map<String, Path> files) {
        public static final Video NONE = new Video(List.of());

        public Video {
            cameras = List.copyOf(cameras);
            files = Map.copyOf(files);
        }

        /** Cameras without files: edited layouts stay in memory. */
        public Video(List<org.vigie.vision.camera.CameraConfig> cameras) {
            this(cameras, Map.of());
        }
    }

    /** What one process of a city-scale deployment does; a process may take any subset. */
    public enum Role {
        /** HTTP intake: validated events go to the {@code vigie.events} topic. */
        INGEST,
        /** The Kafka Streams correlator, partitioned by coarse H3 cell. */
        CORRELATE,
        /** Events and incident changes from the topics into PostgreSQL. */
        STORE,
        /** The console and the API over PostgreSQL, live updates from {@code vigie.incidents}. */
        API,
        /** Takes a share of the cameras of {@code vigie.cameras} and analyses them. */
        VIDEO_WORKER,
        /** Listens to the acoustic sensors of the {@code audio} section and sends what it hears to the topic. */
        AUDIO_WORKER;

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The {@code cluster} section: present, this process is one member of a city-scale deployment on Kafka and
     * PostgreSQL; absent, Vigie runs embedded. See {@code docs/deploy.md}.
     *
     * @param bootstrapServers  Kafka's {@code host:port,…}
     * @param roles             what this process does
     * @param sizes             partitions of each topic and their replication
     * @param streamThreads     Kafka Streams threads of the correlator in this process
     * @param stateDir          the correlator's local state (rebuilt from Kafka when lost)
     * @param applicationId     the correlator's Kafka Streams application id (one per city)
     * @param coarseResolution  the H3 resolution of the cells that make the correlation partitions
     * @param marginMeters      how far past its cell an event is also sent to the neighbouring partition
     * @param videoGroup        the consumer group the video workers share the cameras in
     * @param sessionTimeout    how long a silent worker keeps its cameras before the others take them
     */
    public record Cluster(String bootstrapServers, java.util.Set<Role> roles, org.vigie.stream.Topics.Sizes sizes,
                          int streamThreads, Path stateDir, String applicationId, int coarseResolution,
                          double marginMeters, String videoGroup, Duration sessionTimeout) {
        public Cluster {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            roles = java.util.Set.copyOf(roles);
            Objects.requireNonNull(sizes, "sizes");
        }

        public boolean runs(Role role) {
            return roles.contains(role);
        }
    }

    /**
     * Public posts read live from Mastodon-compatible streaming APIs (see {@code docs/configuration.md},
     * {@code social}); none by default. Posts never become events: their bursts do.
     */
    public record Social(List<SocialStream> streams) {
        public static final Social NONE = new Social(List.of());

        public Social {
            streams = List.copyOf(streams);
        }
    }

    /**
     * One streamed timeline.
     *
     * @param id            the source id of its events ({@code social/ID}) and its name in health and metrics
     * @param server        the server's base URL; the timeline's path is added ({@code StatusStream.timeline})
     * @param hashtag       a hashtag timeline, or null for the server's public timeline
     * @param accessToken   a bearer token (read from the environment or a file, never from the YAML), or null
     * @param bursts        how bursts are found
     * @param lateness      how long after a window ends its posts may still arrive before it is tested
     * @param evaluateEvery how often closed windows are tested
     * @param reconnect     the pause before reconnecting after the server ends the stream
     * @param maxBackoff    the longest pause after failed connections in a row
     * @param idleTimeout   an open stream silent this long, heartbeats included, is dropped and connected again
     */
    public record SocialStream(String id, URI server, String hashtag, String accessToken,
                               org.vigie.feeds.social.BurstSettings bursts, Duration lateness, Duration evaluateEvery,
                               Duration reconnect, Duration maxBackoff, Duration idleTimeout) {
        public static final Duration DEFAULT_LATENESS = Duration.ofMinutes(1);
        public static final Duration DEFAULT_EVALUATE_EVERY = Duration.ofSeconds(30);
        public static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);

        public SocialStream {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(bursts, "bursts");
            Objects.requireNonNull(lateness, "lateness");
            Objects.requireNonNull(evaluateEvery, "evaluateEvery");
            Objects.requireNonNull(reconnect, "reconnect");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            hashtag = hashtag == null || hashtag.isBlank() ? null : hashtag;
        }

        /** The token is a credential: never printed. */
        @Override
        public String toString() {
            return "SocialStream[" + id + ", server=" + server + ", hashtag=" + hashtag + ", token="
                    + (accessToken == null ? "none" : "set") + ", window=" + bursts.window() + ", k="
                    + bursts.minAuthors() + "]";
        }
    }

    /**
     * What is kept, and how long (see {@code docs/configuration.md}, {@code retention}).
     *
     * @param evidenceDir  where evidence (blurred snapshots, clips, audio snippets) is kept, a folder per day
     * @param evidenceDays evidence captured more than this many days ago is deleted; at most {@value #MAX_EVIDENCE_DAYS}
     * @param eventDays    events that occurred more than this many days ago are reduced to daily counts per area
     * @param every        how often the purge runs (the first run is at start-up)
     */
    public record Retention(Path evidenceDir, int evidenceDays, int eventDays, Duration every) {
        public static final int MAX_EVIDENCE_DAYS = 30;
        public static final int DEFAULT_EVENT_DAYS = 90;

        public Retention {
            Objects.requireNonNull(evidenceDir, "evidenceDir");
            if (evidenceDays < 1 || evidenceDays > MAX_EVIDENCE_DAYS) {
                throw new IllegalArgumentException("evidence is kept 1.." + MAX_EVIDENCE_DAYS + " days, not " + evidenceDays);
            }
            if (eventDays < 1) {
                throw new IllegalArgumentException("events are kept at least 1 day, not " + eventDays);
            }
            if (every.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("the purge runs at most every minute, not every " + every);
            }
        }

        public static Retention defaults(Path evidenceDir) {
            return new Retention(evidenceDir, MAX_EVIDENCE_DAYS, DEFAULT_EVENT_DAYS, Duration.ofDays(1));
        }

        /** {@code evidence/} next to a SQLite file; {@code vigie-data/evidence} for PostgreSQL. */
        static Path evidenceBeside(Store store) {
            String url = store.url();
            if (url.startsWith("jdbc:sqlite:")) {
                Path parent = Path.of(url.substring("jdbc:sqlite:".length()).split("\\?")[0]).toAbsolutePath().getParent();
                if (parent != null) {
                    return parent.resolve("evidence");
                }
            }
            return Path.of("vigie-data", "evidence").toAbsolutePath();
        }
    }

    public record Server(String host, int port) {
    }

    /**
     * @param url         a JDBC URL: {@code jdbc:sqlite:FILE} (embedded) or {@code jdbc:postgresql://…}
     * @param synchronous SQLite only: full (default, survives power loss) or normal (survives a crash of the process)
     */
    public record Store(String url, String user, String password, int poolSize, String synchronous) {
        /** The store's own settings, with this many connections at most. */
        public StoreConfig toStoreConfig(int maxPoolSize) {
            return new StoreConfig(url, user, password, maxPoolSize, synchronous.equals("full"));
        }
    }

    /**
     * @param zones    a GeoJSON file of district polygons; null means the built-in approximate Marseille
     * @param timeZone the city's wall clock, which weekly rhythms (anomaly baselines) follow
     */
    public record City(String name, Path zones, String codeProperty, String nameProperty, ZoneId timeZone) {
        public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Europe/Paris");

        public City(String name, Path zones, String codeProperty, String nameProperty) {
            this(name, zones, codeProperty, nameProperty, DEFAULT_TIME_ZONE);
        }
    }

    /** How anomaly baselines cut the city: its districts, or H3 cells at {@code zoneResolution}. */
    public enum AnomalyZones {
        DISTRICTS, CELLS
    }

    /**
     * Anomaly baselines run live ({@code org.vigie.app.anomaly.AnomalyMonitor}).
     *
     * @param lateness how long after an hour ends it is tested, so reports that arrive a little late still count
     */
    public record Anomalies(boolean enabled, AnomalyZones zones, int zoneResolution, AnomalySettings settings,
                            Duration lateness) {
        public static Anomalies defaults() {
            return new Anomalies(true, AnomalyZones.DISTRICTS, 7, AnomalySettings.defaults(), Duration.ofMinutes(15));
        }
    }

    /**
     * @param connectors the feeds this process fetches itself, each on its own thread
     * @param mappings   tabular mapping files by name, read as formats {@code tabular.NAME} besides the shipped ones
     */
    public record Feeds(List<Connector> connectors, Map<String, Path> mappings) {
        public static final Feeds NONE = new Feeds(List.of(), Map.of());

        public Feeds {
            connectors = List.copyOf(connectors);
            mappings = Map.copyOf(mappings);
        }
    }

    /**
     * One feed fetched at an interval (see {@code docs/configuration.md}, {@code feeds}).
     *
     * @param url        {@code http(s)://…}, or {@code file:} a folder watched for new files
     * @param headers    sent with every request, e.g. an API key; never printed
     * @param source     the source id of its events, part of every event id: keep it stable
     * @param maxBytes   the largest document accepted
     * @param maxBackoff the longest pause after failures in a row
     * @param origin     {@code file:line} where it was configured, for problems found once formats are known; empty
     *                   when built in code
     */
    public record Connector(String name, String format, URI url, Duration interval, Duration timeout,
                            Map<String, String> headers, String source, int maxBytes, Duration maxBackoff, String origin) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(15);

        public Connector {
            headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            source = source == null ? name : source;
            origin = origin == null ? "" : origin;
        }

        /** A connector with the defaults, for code and tests. */
        public static Connector of(String name, String format, URI url, Duration interval) {
            return new Connector(name, format, url, interval, DEFAULT_TIMEOUT, Map.of(), name, FeedFormat.MAX_DOCUMENT_BYTES,
                    DEFAULT_MAX_BACKOFF, "");
        }

        public boolean watchesFolder() {
            return "file".equalsIgnoreCase(url.getScheme());
        }

        /** Header values are usually credentials, and URLs may carry them in their query: neither is printed. */
        @Override
        public String toString() {
            String shown = watchesFolder() ? url.toString() : HttpPoller.redact(url);
            return "Connector[" + name + ", format=" + format + ", url=" + shown + ", every " + interval
                    + ", headers=" + headers.keySet() + "]";
        }
    }

    /**
     * The city's transit network. Absent (null in {@link VigieConfig}): no GTFS-Realtime format is offered.
     *
     * @param staticFeed   the static GTFS: a {@code file:} URI of a zip or folder, or the operator's http(s) URL,
     *                     read once at start-up
     * @param fetchTimeout how long fetching an http(s) feed may take
     */
    public record Gtfs(URI staticFeed, Duration fetchTimeout, RealtimeSettings realtime) {
    }

    /**
     * How incidents are assessed and handled.
     *
     * @param reliabilityPriors reliability of kinds of source before any verdict (others: the shipped values)
     * @param priorStrength     how many verdicts those priors are worth
     * @param places            vulnerable places, transit stations included
     * @param procedures        the checklist of each incident type
     */
    public record Fusion(Map<SourceKind, Double> reliabilityPriors, double priorStrength, List<VulnerablePlace> places,
                         Procedures procedures) {
        public Fusion {
            reliabilityPriors = Map.copyOf(reliabilityPriors);
            places = List.copyOf(places);
        }

        public static Fusion defaults() {
            return new Fusion(Map.of(), Reliabilities.DEFAULT_PRIOR_STRENGTH, List.of(), Procedures.shipped());
        }
    }

    /**
     * The file where the audit chain's head is marked: {@code access.audit-anchor}, else {@code audit-anchor.log}
     * beside the SQLite file (for PostgreSQL, beside the evidence folder, which is on this machine).
     */
    public Path auditAnchor() {
        if (access.auditAnchor() != null) {
            return access.auditAnchor();
        }
        return store.url().startsWith("jdbc:sqlite:") ? Retention.evidenceBeside(store).resolveSibling("audit-anchor.log")
                : retention.evidenceDir().toAbsolutePath().resolveSibling("audit-anchor.log");
    }

    public static VigieConfig embedded(Path dataDir, int port) {
        return new VigieConfig(new Server("0.0.0.0", port),
                new Store("jdbc:sqlite:" + dataDir.resolve("vigie.db"), null, null, 4, "full"),
                new City("Marseille", null, "code", "nom"), CorrelationRules.defaults());
    }

    public VigieConfig withServer(Server s) {
        return with(b -> b.server = s);
    }

    public VigieConfig withCity(City c) {
        return with(b -> b.city = c);
    }

    public VigieConfig withFeeds(Feeds f) {
        return with(b -> b.feeds = f);
    }

    public VigieConfig withOpen311(Open311Settings o) {
        return with(b -> b.open311 = o);
    }

    public VigieConfig withAnomalies(Anomalies a) {
        return with(b -> b.anomalies = a);
    }

    public VigieConfig withFusion(Fusion f) {
        return with(b -> b.fusion = f);
    }

    public VigieConfig withAccess(AccessSettings a) {
        return with(b -> b.access = a);
    }

    public VigieConfig withRetention(Retention r) {
        return with(b -> b.retention = r);
    }

    public VigieConfig withAccountability(AccountabilitySettings a) {
        return with(b -> b.accountability = a);
    }

    public VigieConfig withConsole(Console c) {
        return with(b -> b.console = c);
    }

    public VigieConfig withAudio(Audio a) {
        return with(b -> b.audio = a);
    }

    public VigieConfig withVideo(Video v) {
        return with(b -> b.video = v);
    }

    public VigieConfig withSocial(Social s) {
        return with(b -> b.social = s);
    }

    public VigieConfig withCorrelation(CorrelationRules c) {
        return with(b -> b.correlation = c);
    }

    /** A copy with some sections changed, e.g. {@code config.with(b -> b.feeds = f)}. */
    public VigieConfig with(Consumer<Sections> change) {
        var b = new Sections(this);
        change.accept(b);
        return b.build();
    }

    /** The sections of a configuration, to change some and build a new one ({@link #with}). */
    public static final class Sections {
        public Server server;
        public Store store;
        public City city;
        public CorrelationRules correlation;
        public Feeds feeds;
        public Gtfs gtfs;
        public Open311Settings open311;
        public Anomalies anomalies;
        public Fusion fusion;
        public AccessSettings access;
        public Retention retention;
        public AccountabilitySettings accountability;
        public Console console;
        public Audio audio;
        public Video video;
        public Social social;
        public Cluster cluster;

        Sections(VigieConfig c) {
            server = c.server;
            store = c.store;
            city = c.city;
            correlation = c.correlation;
            feeds = c.feeds;
            gtfs = c.gtfs;
            open311 = c.open311;
            anomalies = c.anomalies;
            fusion = c.fusion;
            access = c.access;
            retention = c.retention;
            accountability = c.accountability;
            console = c.console;
            audio = c.audio;
            video = c.video;
            social = c.social;
            cluster = c.cluster;
        }

        VigieConfig build() {
            return new VigieConfig(server, store, city, correlation, feeds, gtfs, open311, anomalies, fusion, access,
                    retention, accountability, console, audio, video, social, cluster);
        }
    }
}
