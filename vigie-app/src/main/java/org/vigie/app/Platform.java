package org.vigie.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.anomaly.AnomalyMonitor;
import org.vigie.app.config.VigieConfig;
import org.vigie.app.audio.AcousticService;
import org.vigie.app.video.CameraDirectories;
import org.vigie.app.video.CountRoutes;
import org.vigie.app.video.VideoService;
import org.vigie.app.feeds.FeedConnectors;
import org.vigie.app.feeds.FeedRegistry;
import org.vigie.app.feeds.IngestSink;
import org.vigie.app.feeds.SocialStreams;
import org.vigie.core.config.ConfigException;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.Correlation;
import org.vigie.core.correlate.Correlator;
import org.vigie.app.cluster.ClusterLink;
import org.vigie.server.ingest.EventLog;
import org.vigie.core.geo.City;
import org.vigie.core.geo.CityGeoJson;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.Incident;
import org.vigie.feeds.FeedFormat;
import org.vigie.core.priority.Reliabilities;
import org.vigie.core.priority.Triage;
import org.vigie.core.priority.VulnerablePlaces;
import org.vigie.app.retention.RetentionPurge;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.core.accountability.Equipment;
import org.vigie.core.accountability.EquipmentKind;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.server.HealthContribution;
import org.vigie.server.VigieServer;
import org.vigie.server.access.AccessControl;
import org.vigie.server.access.AccessRules;
import org.vigie.server.access.Argon2id;
import org.vigie.server.access.StoreAuditTrail;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.cameras.ConfiguredCameras;
import org.vigie.server.console.ConsoleRoutes;
import org.vigie.server.console.ConsoleSettings;
import org.vigie.server.cap.CapRoutes;
import org.vigie.server.feeds.FeedRoutes;
import org.vigie.server.fusion.FusionRoutes;
import org.vigie.server.ingest.IngestService;
import org.vigie.server.open311.Open311Routes;
import org.vigie.server.transparency.Accountability;
import org.vigie.server.live.LiveUpdates;
import org.vigie.server.ngsild.NgsiLdRoutes;
import org.vigie.store.AuditAnchor;
import org.vigie.store.Store;

/**
 * One embedded Vigie: store, correlator, ingest and HTTP server wired together. Start-up restores the open
 * incidents and re-correlates every stored event that has no incident yet (the ones acknowledged just before
 * a crash), before the server accepts anything new. {@link #close()} stops intake first (feeds, sensors, cameras), then drains.
 *
 * <p>With a {@code cluster} section it is instead the HTTP part of a city-scale member (roles {@code ingest} and
 * {@code api}): intake, decisions and live updates then go through Kafka ({@link ClusterLink}), and the Kafka
 * Streams correlator and the store role fill the database.
 */
public final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    /** How far back recovery looks for incidents still open and events not yet correlated. */
    static final Duration RECOVERY_HORIZON = Duration.ofDays(2);
    private static final int RECOVERY_CHUNK = 5_000;

    private final Store store;
    private final Correlator correlator;
    private final ClusterLink cluster;
    private final LiveUpdates live;
    private final IngestService ingest;
    private final VigieServer server;
    private final City city;
    private final PrometheusMeterRegistry metrics;
    private final FeedConnectors feeds;
    private final AnomalyMonitor anomalies;
    private final EvidenceStore evidence;
    private final RetentionPurge retention;
    private final AcousticService audio;
    private final VideoService video;
    private final SocialStreams social;
    private final List<HealthContribution> health;

    private Platform(Store store, Correlator correlator, ClusterLink cluster, LiveUpdates live, IngestService ingest,
                     VigieServer server,
                     City city, PrometheusMeterRegistry metrics, FeedConnectors feeds,
                     AnomalyMonitor anomalies, EvidenceStore evidence, RetentionPurge retention,
                     AcousticService audio, VideoService video, SocialStreams social,
                     List<HealthContribution> health) {
        this.store = store;
        this.correlator = correlator;
        this.cluster = cluster;
        this.live = live;
        this.ingest = ingest;
        this.server = server;
        this.city = city;
        this.metrics = metrics;
        this.feeds = feeds;
        this.anomalies = anomalies;
        this.evidence = evidence;
        this.retention = retention;
        this.audio = audio;
        this.video = video;
        this.social = social;
        this.health = health;
    }

    public static Platform start(VigieConfig config, Clock clock) {
        return start(config, clock, FeedRegistry::formats);
    }


    /** Where events' evidence bytes are kept (blurred snapshots, clips, audio snippets). */
    public EvidenceStore evidence() {
        return evidence;
    }

    /**
     * @param formatsOf the feed formats this process reads (tests add their own)
     * @throws ConfigException when a configured feed connector names a format that does not exist
     */
    static Platform start(VigieConfig config, Clock clock, BiFunction<VigieConfig, City, List<FeedFormat>> formatsOf) {
        City city = loadCity(config.city());
        List<FeedFormat> formats = formatsOf.apply(config, city);
        List<String> feedProblems = FeedConnectors.check(config.feeds(), formats);
        if (!feedProblems.isEmpty()) {
            throw new ConfigException(feedProblems);
        }
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics()).forEach(b -> b.bindTo(metrics));
        Store store = Store.open(config.store().toStoreConfig(config.store().poolSize()));
        Correlator correlator = null;
        ClusterLink cluster = null;
        FeedConnectors feeds = null;
        AnomalyMonitor anomalies = null;
        RetentionPurge retention = null;
        AcousticService audio = null;
        VideoService video = null;
        SocialStreams social = null;
        try {
            // Marks of the audit chain's head outside the database: what shows rows cut from its end.
            store.audit().anchorTo(new AuditAnchor(config.auditAnchor()), config.access().anchorEvery())
                    .ifPresent(problem -> LOG.error("audit log: {}", problem));
            VigieConfig.Fusion fusion = config.fusion();
            var reliabilities = new Reliabilities(fusion.reliabilityPriors(), fusion.priorStrength());
            reliabilities.restore(store.reliability().counts());
            var places = new ArrayList<>(fusion.places());
            places.addAll(FeedRegistry.transitStations(formats)); // stations of the configured GTFS feed
            var triage = new Triage(reliabilities, new VulnerablePlaces(places));
            var live = new LiveUpdates();
            Correlation correlation;
            EventLog eventLog;
            if (config.cluster() == null) {
                correlator = new Correlator(new CorrelationEngine(config.correlation(), triage),
                        id -> store.incidents().find(id), ids -> store.events().findAll(ids), 10_000);
                Instant horizon = clock.instant().minus(RECOVERY_HORIZON);
                List<Incident> open = store.incidents().findAcceptingEvents(horizon);
                correlator.restore(open);
                correlator.addListener(store.incidents()::apply);
                correlator.addListener(live);
                correlator.start();
                recover(store, correlator, horizon, open.size());
                correlation = correlator;
                eventLog = EventLog.local(store, correlator);
            } else {
                // One member of a city-scale deployment: Kafka correlates, the store role fills the database.
                cluster = ClusterLink.open(config, store, live, metrics, reliabilities);
                correlation = cluster.correlation();
                eventLog = cluster.eventLog();
            }
            var ingest = new IngestService(store, eventLog, clock, metrics);
            if (config.anomalies().enabled()) {
                anomalies = AnomalyMonitor.start(config.anomalies(), city, config.city().timeZone(), store, ingest, clock,
                        metrics);
            }
            feeds = FeedConnectors.build(config.feeds(), formats, new IngestSink(ingest), metrics, clock);
            social = SocialStreams.build(config.social(), city.bounds(), ingest, metrics, clock);
            var sourceReports = new ArrayList<HealthContribution>(List.of(feeds));
            if (social != null) {
                sourceReports.add(social);
            }
            var audit = new StoreAuditTrail(store.audit(), clock);
            var access = new AccessControl(config.access(), AccessRules.vigie(), store, audit, clock,
                    new Argon2id(Argon2id.DEFAULT));
            EvidenceStore evidence = openEvidence(config.retention());
            retention = new RetentionPurge(config.retention(), evidence, store, audit, clock, metrics).start();
            VigieConfig.Console console = config.console();
            var configured = new ConfiguredCameras(console.cameras(), clock);
            // Checked before any camera starts: one id, one camera, whichever list it comes from.
            var twice = config.video().cameras().stream().map(c -> c.id()).filter(id -> configured.find(id).isPresent())
                    .map(id -> "camera id '" + id + "' is both in console.cameras and a video camera file; keep it in one place")
                    .toList();
            if (!twice.isEmpty()) {
                throw new ConfigException(twice);
            }
            video = VideoService.start(config.video(), evidence, ingest, store, metrics, clock);
            CameraDirectory cameras = video == null ? configured
                    : new CameraDirectories(List.of(video.directory(), configured));
            // The map shows the acoustic sensors this process listens to as well as those merely listed.
            var sensors = new ArrayList<>(console.sensors());
            config.audio().sensors().forEach(s -> sensors.add(new ConsoleSettings.Sensor(s.id(), s.id(), s.lat(), s.lon())));
            var consoleRoutes = new ConsoleRoutes(store, city, evidence, cameras, audit, sourceReports,
                    new ConsoleSettings(console.tiles(), console.tileAttribution(), sensors,
                            config.city().timeZone()), fusion.procedures(), clock);
            audio = AcousticService.start(config.audio(), evidence, ingest, clock);
            var health = new java.util.concurrent.CopyOnWriteArrayList<HealthContribution>(sourceReports);
            if (audio != null) {
                health.addAll(audio.health());
            }
            if (video != null) {
                health.addAll(video.health());
            }
            var server = new VigieServer(new VigieServer.Settings(config.server().host(), config.server().port()), store,
                    correlation, ingest, city, live, metrics, clock,
                    List.of(new FeedRoutes(formats, ingest, clock), new NgsiLdRoutes(store, city),
                            new CapRoutes(store, city, clock, CapRoutes.defaultSender()),
                            new Open311Routes(config.open311(), store, ingest, city, clock),
                            new FusionRoutes(store, correlation, fusion.procedures(), clock, audit),
                            Accountability.routes(store, city, withRunningEquipment(config), config.city().timeZone(),
                                    clock),
                            consoleRoutes, new CountRoutes(store, cameras, clock)),
                    health, fusion.procedures(), access).start();
            feeds.start();
            if (social != null) {
                social.start();
            }
            return new Platform(store, correlator, cluster, live, ingest, server, city, metrics, feeds, anomalies,
                    evidence, retention, audio, video, social, health);
        } catch (RuntimeException e) {
            if (social != null) {
                social.close();
            }
            if (retention != null) {
                retention.close();
            }
            if (audio != null) {
                audio.close();
            }
            if (video != null) {
                video.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            closeAll(feeds, anomalies, correlator, store);
            throw e;
        }
    }

    /**
     * Coverage counts the cameras and sensors this process runs, besides those listed under
     * {@code accountability.equipment} (equipment run elsewhere); an id listed there is not counted twice.
     */
    private static AccountabilitySettings withRunningEquipment(VigieConfig config) {
        AccountabilitySettings a = config.accountability();
        var equipment = new ArrayList<>(a.equipment());
        var listed = new HashSet<String>();
        equipment.forEach(e -> listed.add(e.kind() + "/" + e.id()));
        config.video().cameras().stream()
                .map(c -> new Equipment(EquipmentKind.CAMERA, c.id(), c.lat(), c.lon()))
                .filter(e -> listed.add(e.kind() + "/" + e.id())).forEach(equipment::add);
        config.audio().sensors().stream()
                .map(s -> new Equipment(EquipmentKind.ACOUSTIC_SENSOR, s.id(), s.lat(), s.lon()))
                .filter(e -> listed.add(e.kind() + "/" + e.id())).forEach(equipment::add);
        return new AccountabilitySettings(a.costs(), a.populations(), equipment, a.suppression());
    }

    private static void closeAll(FeedConnectors feeds, AnomalyMonitor anomalies, Correlator correlator, Store store) {
        if (feeds != null) {
            feeds.close();
        }
        if (anomalies != null) {
            anomalies.close();
        }
        if (correlator != null) {
            correlator.close();
        }
        store.close();
    }

    private static void recover(Store store, Correlator correlator, Instant horizon, int restored) {
        long recovered = 0;
        while (true) {
            List<Event> pending = store.events().findUnassigned(horizon, RECOVERY_CHUNK);
            if (pending.isEmpty()) {
                break;
            }
            try {
                correlator.submit(pending).get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("recovery: correlating " + pending.size() + " stored events failed", e);
            }
            recovered += pending.size();
            if (pending.size() == RECOVERY_CHUNK) {
                LOG.info("recovery: {} stored event(s) correlated so far…", recovered);
            }
            if (pending.size() < RECOVERY_CHUNK) {
                break;
            }
        }
        if (restored > 0 || recovered > 0) {
            LOG.info("recovered {} open incident(s) and correlated {} event(s) that had none yet", restored, recovered);
        }
    }

    /** The evidence folder of the retention section. */
    public static EvidenceStore openEvidence(VigieConfig.Retention r) {
        try {
            return new DirectoryEvidenceStore(r.evidenceDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the evidence folder " + r.evidenceDir(), e);
        }
    }

    /** The districts of the configured city: its zones file, or the built-in approximate Marseille. */
    public static City loadCity(VigieConfig.City c) {
        if (c.zones() == null) {
            return Marseille.approximateCity();
        }
        try {
            return CityGeoJson.read(c.name(), Json.MAPPER.readTree(Files.readString(c.zones())), c.codeProperty(),
                    c.nameProperty(), Marseille.populations());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zones " + c.zones(), e);
        }
    }

    public IngestService ingest() {
        return ingest;
    }

    public Store store() {
        return store;
    }

    /** The in-process correlator of an embedded platform. */
    public Correlator correlator() {
        if (correlator == null) {
            throw new IllegalStateException("a cluster member has no in-process correlator: Kafka Streams correlates");
        }
        return correlator;
    }

    public City city() {
        return city;
    }

    /** The live anomaly baselines, unless configuration turned them off. */
    public Optional<AnomalyMonitor> anomalies() {
        return Optional.ofNullable(anomalies);
    }

    /** The cameras analysed in this process, when camera files are configured. */
    public Optional<VideoService> video() {
        return Optional.ofNullable(video);
    }

    /** The acoustic sensors' listener, when sensors are configured. */
    public Optional<AcousticService> audio() {
        return Optional.ofNullable(audio);
    }

    public String url() {
        return server.url();
    }

    public RetentionPurge retention() {
        return retention;
    }

    /** The HTTP server: its routes and its access control. */
    public VigieServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Adds a report to {@code GET /health} (a cluster member's other roles), under its own name. */
    public void addHealth(HealthContribution report) {
        health.add(report);
    }

    /** The social timelines this process streams, when {@code social.streams} lists some. */
    public Optional<SocialStreams> social() {
        return Optional.ofNullable(social);
    }

    /** The feeds this process fetches itself. */
    public FeedConnectors feeds() {
        return feeds;
    }

    /**
     * Stops the feed connectors (a fetch in progress is abandoned, a delivery in progress finishes), ends the live
     * streams (open requests that would hold up the server's stop), stops the HTTP server so nothing new
     * arrives, stops closing anomaly hours, then lets the correlator finish what it holds before the store closes.
     */
    @Override
    public void close() {
        retention.close();
        feeds.close();
        if (social != null) {
            social.close();
        }
        if (audio != null) {
            audio.close();
        }
        if (video != null) {
            video.close();
        }
        live.close();
        server.close();
        if (anomalies != null) {
            anomalies.close();
        }
        if (correlator != null) {
            correlator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        store.close();
    }
}
