package org.vigie.app.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.Platform;
import org.vigie.app.config.VigieConfig;
import org.vigie.app.audio.AcousticService;
import org.vigie.app.config.VigieConfig.Role;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.server.ingest.IngestService;
import org.vigie.stream.cameras.CameraWorker;
import org.vigie.core.json.Json;
import org.vigie.core.priority.Reliabilities;
import org.vigie.core.priority.Triage;
import org.vigie.core.priority.VulnerablePlaces;
import org.vigie.server.HealthContribution;
import org.vigie.stream.Topics;
import org.vigie.stream.correlate.CorrelationService;
import org.vigie.stream.correlate.StreamsSettings;
import org.vigie.store.Store;

/**
 * One process of a city-scale deployment, running the roles its configuration's {@code cluster.roles} names:
 * {@code ingest} and {@code api} through the HTTP {@link Platform} (whose intake, decisions and live updates then
 * go through Kafka: {@link ClusterLink}), {@code correlate} as the Kafka Streams correlator, {@code store} as the
 * {@link StoreWriter}. Every process checks the topics' layout first and exposes {@code /health} and
 * {@code /metrics}: the platform's, or a small server of its own when it serves no API.
 *
 * <p>Started in dependency order (topics, store, correlator, store writer, HTTP) and closed in reverse, so that
 * intake stops before what drains it.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final List<AutoCloseable> started;
    private final Platform platform;
    private final RoleServer roleServer;

    private ClusterNode(List<AutoCloseable> started, Platform platform, RoleServer roleServer) {
        this.started = started;
        this.platform = platform;
        this.roleServer = roleServer;
    }

    public static ClusterNode start(VigieConfig config, Clock clock) {
        VigieConfig.Cluster c = config.cluster();
        if (c == null) {
            throw new IllegalArgumentException("no cluster section: run the embedded platform instead");
        }
        var topics = new Topics(c.sizes());
        ensureTopics(c, topics);
        var started = new ArrayList<AutoCloseable>();
        boolean http = c.runs(Role.INGEST) || c.runs(Role.API);
        try {
            // Intake may start first: what it accepts waits in Kafka until the correlator and the writer read it.
            Platform platform = null;
            Store store = null;
            PrometheusMeterRegistry metrics;
            var health = new ArrayList<HealthContribution>();
            if (http) {
                platform = Platform.start(config, clock);
                started.add(platform);
                store = platform.store();
                metrics = platform.metrics();
            } else {
                store = Store.open(config.store().toStoreConfig(config.store().poolSize()));
                started.add(store);
                metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            }
            if (c.runs(Role.CORRELATE)) {
                CorrelationService correlation = correlate(config, topics, store);
                started.add(correlation);
                health.add(check("correlator-stream", correlation::isRunning, n -> n
                        .put("state", correlation.state().name()).put("events", correlation.counts().events())
                        .put("duplicates", correlation.counts().duplicates())
                        .put("changes", correlation.counts().changes())
                        .put("decisions", correlation.counts().decisions())
                        .put("refusals", correlation.counts().refusals())));
                bind(metrics, correlation);
            }
            if (c.runs(Role.STORE)) {
                StoreWriter writer = new StoreWriter(c.bootstrapServers(), c.applicationId() + "-store", topics, store)
                        .start();
                started.add(writer);
                health.add(check("store-writer", writer::isRunning, n -> n.put("events", writer.eventsSeen())
                        .put("changesApplied", writer.changesApplied())
                        .put("changesAlreadyStored", writer.changesAlreadyStored())
                        .put("quarantined", writer.quarantined()).put("lastBatch", writer.lastBatch().toString())));
                bind(metrics, writer);
            }
            if (c.runs(Role.VIDEO_WORKER) || c.runs(Role.AUDIO_WORKER)) {
                workers(config, topics, platform, store, metrics, clock, started, health);
            }
            RoleServer server = null;
            if (platform != null) {
                health.forEach(platform::addHealth);
            } else {
                server = new RoleServer(config.server(), health, metrics);
                started.add(server);
                LOG.info("cluster member {}: /health and /metrics on port {}", c.roles(), server.port());
            }
            return new ClusterNode(started, platform, server);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * The video and audio workers: what they detect goes through this member's intake (the platform's, or a Kafka
     * event log of its own); their evidence goes to the retention section's folder, which every member of the
     * deployment must share (a network volume) for the API to serve it.
     */
    private static void workers(VigieConfig config, Topics topics, Platform platform, Store store,
                                MeterRegistry metrics, Clock clock, List<AutoCloseable> started,
                                List<HealthContribution> health) {
        VigieConfig.Cluster c = config.cluster();
        IngestService ingest;
        EvidenceStore evidence;
        if (platform != null) {
            ingest = platform.ingest();
            evidence = platform.evidence();
        } else {
            var log = new KafkaEventLog(c.bootstrapServers(), topics, store, ClusterLink.TIMEOUT);
            started.add(log);
            ingest = new IngestService(store, log, clock, metrics);
            evidence = Platform.openEvidence(config.retention());
        }
        if (c.runs(Role.VIDEO_WORKER)) {
            var host = new VideoWorkerHost(evidence, ingest, store, metrics, clock);
            started.add(host);
            var settings = CameraWorker.Settings.of(c.bootstrapServers(), workerId()).withGroupId(c.videoGroup())
                    .withTimeouts(c.sessionTimeout(), c.sessionTimeout().dividedBy(3));
            var worker = new CameraWorker(topics.cameras(), settings, host);
            worker.start();
            started.add(worker); // closed before the host: the group hears of it before the cameras stop
            health.add(host.health());
            health.add(check("camera-assignment", worker::isRunning, n -> {
                n.put("worker", settings.workerId()).put("group", settings.groupId());
                n.putPOJO("cameras", new java.util.TreeSet<>(worker.runningCameras()));
                n.putPOJO("failed", new java.util.TreeMap<>(worker.failedCameras()));
                n.put("assignments", worker.counters().assignments());
            }));
            Gauge.builder("vigie.cluster.video.cameras", worker, w -> w.runningCameras().size()).register(metrics);
        }
        if (c.runs(Role.AUDIO_WORKER) && platform == null) {
            // A member with HTTP roles already listens to the audio section's sensors, as the embedded platform does.
            AcousticService audio = AcousticService.start(config.audio(), evidence, ingest, clock);
            if (audio != null) {
                started.add(audio);
                health.addAll(audio.health());
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger WORKERS = new java.util.concurrent.atomic.AtomicInteger();

    /** This worker among the others: host, process id (a restarted worker does not reuse it) and number here. */
    private static String workerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + WORKERS.incrementAndGet();
    }

    private static CorrelationService correlate(VigieConfig config, Topics topics, Store store) {
        VigieConfig.Cluster c = config.cluster();
        VigieConfig.Fusion fusion = config.fusion();
        // What verdicts taught so far, read once: every task starts from it (a task has its own Triage).
        var learned = store == null ? null : store.reliability().counts();
        Supplier<Triage> triage = () -> {
            var reliabilities = new Reliabilities(fusion.reliabilityPriors(), fusion.priorStrength());
            if (learned != null) {
                reliabilities.restore(learned);
            }
            return new Triage(reliabilities, new VulnerablePlaces(fusion.places()));
        };
        var settings = new StreamsSettings(c.applicationId(), c.bootstrapServers(), c.streamThreads(), c.stateDir());
        var service = new CorrelationService(settings, topics, config.correlation(), ClusterLink.partitioner(c), triage);
        service.start();
        return service;
    }

    /** Creates the topics that are missing and refuses to start when an existing one has another layout. */
    public static void ensureTopics(VigieConfig.Cluster c, Topics topics) {
        var settings = new java.util.Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(settings)) {
            topics.ensure(admin);
        }
    }

    static HealthContribution check(String name, Supplier<Boolean> up, java.util.function.Consumer<ObjectNode> details) {
        return new HealthContribution() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ObjectNode check() {
                ObjectNode n = Json.MAPPER.createObjectNode().put("status", up.get() ? "up" : "down");
                details.accept(n);
                return n;
            }
        };
    }

    private static void bind(MeterRegistry m, CorrelationService s) {
        String prefix = "vigie.cluster.correlator";
        Gauge.builder(prefix + ".up", s, x -> x.isRunning() ? 1 : 0).register(m);
        FunctionCounter.builder(prefix + ".events", s, x -> x.counts().events()).register(m);
        FunctionCounter.builder(prefix + ".duplicates", s, x -> x.counts().duplicates()).register(m);
        FunctionCounter.builder(prefix + ".changes", s, x -> x.counts().changes()).register(m);
        FunctionCounter.builder(prefix + ".decisions", s, x -> x.counts().decisions()).register(m);
        FunctionCounter.builder(prefix + ".refusals", s, x -> x.counts().refusals()).register(m);
    }

    private static void bind(MeterRegistry m, StoreWriter w) {
        Gauge.builder("vigie.cluster.store.writer.up", w, x -> x.isRunning() ? 1 : 0).register(m);
        FunctionCounter.builder("vigie.cluster.store.events", w, StoreWriter::eventsSeen).register(m);
        FunctionCounter.builder("vigie.cluster.store.changes", w, StoreWriter::changesApplied).register(m);
        FunctionCounter.builder("vigie.cluster.store.quarantined", w, StoreWriter::quarantined).register(m);
    }

    /** The HTTP platform of this member, when it runs {@code ingest} or {@code api}. */
    public java.util.Optional<Platform> platform() {
        return java.util.Optional.ofNullable(platform);
    }

    /** Where this member answers: the platform's URL, or its health server's. */
    public String url() {
        return platform != null ? platform.url() : "http://127.0.0.1:" + roleServer.port();
    }

    /** Stops the roles, intake first; a second call does nothing. */
    @Override
    public synchronized void close() {
        closeAll(started);
        started.clear();
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", started.get(i), e);
            }
        }
    }
}
