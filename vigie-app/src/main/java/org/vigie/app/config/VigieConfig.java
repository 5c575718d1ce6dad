package org.vigie.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;
import org.vigie.audio.AcousticSensor;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.poll.HttpPoller;
import org.vigie.feeds.gtfs.RealtimeSettings;
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
                          Open311Settings open311, Anomalies anomalies, Fusion fusion, Audio audio) {

    public VigieConfig {
        audio = audio == null ? Audio.NONE : audio;
        feeds = feeds == null ? Feeds.NONE : feeds;
        open311 = open311 == null ? Open311Settings.defaults() : open311;
        anomalies = anomalies == null ? Anomalies.defaults() : anomalies;
        fusion = fusion == null ? Fusion.defaults() : fusion;
    }

    /** A configuration with the defaults of every optional section: no feed fetched, no transit network. */
    public VigieConfig(Server server, Store store, City city, CorrelationRules correlation) {
        this(server, store, city, correlation, Feeds.NONE, null, Open311Settings.defaults(), Anomalies.defaults(),
                Fusion.defaults(), Audio.NONE);
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

    public static VigieConfig embedded(Path dataDir, int port) {
        return new VigieConfig(new Server("0.0.0.0", port),
                new Store("jdbc:sqlite:" + dataDir.resolve("vigie.db"), null, null, 4, "full"),
                new City("Marseille", null, "code", "nom"), CorrelationRules.defaults());
    }

    public VigieConfig withServer(Server s) {
        return new VigieConfig(s, store, city, correlation, feeds, gtfs, open311, anomalies, fusion, audio);
    }

    public VigieConfig withCity(City c) {
        return new VigieConfig(server, store, c, correlation, feeds, gtfs, open311, anomalies, fusion, audio);
    }

    public VigieConfig withFeeds(Feeds f) {
        return new VigieConfig(server, store, city, correlation, f, gtfs, open311, anomalies, fusion, audio);
    }

    public VigieConfig withOpen311(Open311Settings o) {
        return new VigieConfig(server, store, city, correlation, feeds, gtfs, o, anomalies, fusion, audio);
    }

    public VigieConfig withAnomalies(Anomalies a) {
        return new VigieConfig(server, store, city, correlation, feeds, gtfs, open311, a, fusion, audio);
    }

    public VigieConfig withFusion(Fusion f) {
        return new VigieConfig(server, store, city, correlation, feeds, gtfs, open311, anomalies, f, audio);
    }

    public VigieConfig withAudio(Audio a) {
        return new VigieConfig(server, store, city, correlation, feeds, gtfs, open311, anomalies, fusion, a);
    }

    public VigieConfig withCorrelation(CorrelationRules c) {
        return new VigieConfig(server, store, city, c, feeds, gtfs, open311, anomalies, fusion, audio);
    }

    /**
     * Acoustic sensors streaming live PCM to this process (see {@code docs/audio.md}); none by default.
     *
     * @param host      address the sensors connect to
     * @param port      one port for all sensors: each frame names its sensor
     * @param model     a trained classifier (JSON); null means the physics rules
     * @param evidence  folder of the impulsive segments kept as evidence
     * @param skewBound timing error beyond which a sensor's clock is reported and left out of localisation
     */
    public record Audio(String host, int port, List<AcousticSensor> sensors, Path model, Path evidence, Duration skewBound) {
        public static final Audio NONE = new Audio("0.0.0.0", 7070, List.of(), null, Path.of("vigie-data", "evidence"),
                Duration.ofMillis(10));

        public Audio {
            sensors = List.copyOf(sensors);
        }
    }
}
