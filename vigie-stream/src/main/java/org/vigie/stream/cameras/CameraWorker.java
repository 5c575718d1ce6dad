package org.vigie.stream.cameras;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.stream.Topics;

/**
 * One video worker of a city deployment: a member of the workers' consumer group on the cameras topic, running on
 * its {@link CameraHost} the cameras of the partitions the group gives it. When a worker leaves or dies, the group
 * gives its partitions to the others, which read those cameras' latest files and start them: a dead worker's
 * cameras move within the session timeout.
 *
 * <p>The cameras topic is compacted, so it is read as a table: on every assignment the worker reads the new
 * partitions from their beginning up to their end, keeps each camera's latest file, and only then starts the cameras
 * that have one. After that, a camera's new file restarts it, a removal (null file) stops it, and a new camera
 * starts. Revoked or lost partitions stop their cameras. Since the table is read again on every assignment, the
 * worker commits no offsets.
 *
 * <p>The group uses the classic protocol with the cooperative sticky assignor: a rebalance moves only the partitions
 * that must move, so adding or losing a worker does not restart the cameras that stay where they are. (The newer
 * {@code consumer} protocol sets the session timeout on the broker for the whole group, not on the worker: with it
 * this class could not take the session timeout as a setting.) Members are dynamic, never static: a static member
 * that dies keeps its partitions until its session expires <em>and</em> nobody rejoins under its name.
 *
 * <p>One thread, started by {@link #start()}, polls and calls the host; {@link #runningCameras()},
 * {@link #failedCameras()}, {@link #isRunning()} and {@link #counters()} may be read from any thread.
 */
public final class CameraWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration OFFSET_LOOKUP = Duration.ofSeconds(5);
    private static final Duration LEAVE = Duration.ofSeconds(30);

    /**
     * How a worker joins its group.
     *
     * @param workerId         this worker's name in the group (the consumer's {@code client.id}) and in logs
     * @param sessionTimeout   how long the group waits for a silent worker before giving its cameras to others
     * @param heartbeatInterval how often the worker tells the group it is alive; under a third of the session timeout
     */
    public record Settings(String bootstrapServers, String groupId, String workerId, Duration sessionTimeout,
                           Duration heartbeatInterval) {
        public static final String DEFAULT_GROUP = "vigie-video-workers";
        public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(3);

        public Settings {
            for (var e : Map.of("bootstrap servers", bootstrapServers, "group id", groupId, "worker id", workerId)
                    .entrySet()) {
                if (e.getValue() == null || e.getValue().isBlank()) {
                    throw new IllegalArgumentException("a camera worker needs its " + e.getKey());
                }
            }
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                    || heartbeatInterval.compareTo(sessionTimeout) >= 0) {
                throw new IllegalArgumentException("the heartbeat interval must be positive and shorter than the "
                        + "session timeout, got " + heartbeatInterval + " and " + sessionTimeout);
            }
        }

        /** The default group, a 10 s session timeout and a 3 s heartbeat. */
        public static Settings of(String bootstrapServers, String workerId) {
            return new Settings(bootstrapServers, DEFAULT_GROUP, workerId, DEFAULT_SESSION_TIMEOUT,
                    DEFAULT_HEARTBEAT_INTERVAL);
        }

        public Settings withGroupId(String groupId) {
            return new Settings(bootstrapServers, groupId, workerId, sessionTimeout, heartbeatInterval);
        }

        public Settings withTimeouts(Duration sessionTimeout, Duration heartbeatInterval) {
            return new Settings(bootstrapServers, groupId, workerId, sessionTimeout, heartbeatInterval);
        }
    }

    /**
     * What a worker has done since it started, for health and metrics.
     *
     * @param assignments       rebalances that gave this worker partitions
     * @param startFailures     host starts that threw (each leaves its camera in {@link #failedCameras()})
     * @param recordsWithoutKey cameras-topic records without a camera id, skipped
     */
    public record Counters(long assignments, long camerasStarted, long camerasStopped, long startFailures,
                           long recordsWithoutKey) {}

    private final Topics.Topic<String, String> topic;
    private final Settings settings;
    private final KafkaConsumer<String, String> consumer;
    private final AssignedCameras cameras;
    private final Thread poller;
    /** Partitions still being read as a table → the end offset to read up to, or null until it is looked up. */
    private final Map<TopicPartition, Long> loading = new HashMap<>();
    private final AtomicLong assignments = new AtomicLong();
    private final AtomicLong recordsWithoutKey = new AtomicLong();
    private volatile boolean closing;

    /** Joins nothing yet: {@link #start()} subscribes and polls. */
    public CameraWorker(Topics.Topic<String, String> cameras, Settings settings, CameraHost host) {
        this.topic = cameras;
        this.settings = settings;
        this.cameras = new AssignedCameras(settings.workerId(), host);
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.workerId());
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.heartbeatInterval().toMillis());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, cameras.keys().deserializer(), cameras.values().deserializer());
        this.poller = Thread.ofPlatform().name("camera-worker-" + settings.workerId()).unstarted(this::poll);
    }

    /** Joins the group and starts the polling thread. */
    public void start() {
        poller.start();
    }

    /** Whether the polling thread runs: false before {@link #start()}, after {@link #close()}, or after a failure. */
    public boolean isRunning() {
        return poller.isAlive() && !closing;
    }

    /** The cameras running on this worker's host now. */
    public Set<String> runningCameras() {
        return cameras.running();
    }

    /** Cameras of this worker whose host start failed → why; each is tried again on its next file or reassignment. */
    public Map<String, String> failedCameras() {
        return cameras.failed();
    }

    public Counters counters() {
        return new Counters(assignments.get(), cameras.started(), cameras.stopped(), cameras.startFailures(),
                recordsWithoutKey.get());
    }

    /** Stops every camera of this worker and leaves the group, so that the others take its cameras at once. */
    @Override
    public void close() {
        closing = true;
        if (poller.getState() == Thread.State.NEW) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            poller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            consumer.subscribe(List.of(topic.name()), new Rebalance());
            while (!closing) {
                try {
                    for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                        accept(r);
                    }
                    finishLoading();
                } catch (WakeupException e) {
                    // close() woke the poll up; the loop's condition ends it.
                }
            }
        } catch (RuntimeException e) {
            LOG.error("worker {}: stopped polling the cameras topic; its cameras are stopped", settings.workerId(), e);
        } finally {
            try {
                // Leaving revokes this worker's partitions first, which stops their cameras before others start them.
                consumer.close(CloseOptions.timeout(LEAVE));
            } catch (RuntimeException e) {
                LOG.warn("worker {}: did not leave the group cleanly", settings.workerId(), e);
            }
            cameras.removeAll();
        }
    }

    private void accept(ConsumerRecord<String, String> r) {
        if (r.key() == null) {
            recordsWithoutKey.incrementAndGet();
            LOG.warn("worker {}: skipped a cameras record without a camera id at {}-{} offset {}",
                    settings.workerId(), r.topic(), r.partition(), r.offset());
            return;
        }
        cameras.record(r.partition(), r.key(), r.value());
    }

    /** Starts the cameras of every partition that has been read up to the end it had when the worker looked. */
    private void finishLoading() {
        if (loading.isEmpty()) {
            return;
        }
        try {
            var unknown = loading.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
            if (!unknown.isEmpty()) {
                consumer.endOffsets(unknown, OFFSET_LOOKUP).forEach(loading::put);
            }
            for (var it = loading.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (consumer.position(e.getKey(), OFFSET_LOOKUP) >= e.getValue()) {
                    cameras.loaded(e.getKey().partition());
                    it.remove();
                }
            }
        } catch (TimeoutException e) {
            LOG.warn("worker {}: offsets of the cameras topic not known yet, trying again: {}", settings.workerId(),
                    e.getMessage());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // The cooperative protocol calls this after every rebalance, with only the partitions that are new here.
            if (partitions.isEmpty()) {
                return;
            }
            assignments.incrementAndGet();
            LOG.info("worker {}: assigned {}", settings.workerId(), partitions);
            consumer.seekToBeginning(partitions);
            for (TopicPartition p : partitions) {
                loading.put(p, null);
                cameras.loading(p.partition());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("worker {}: revoked {}", settings.workerId(), partitions);
            }
            remove(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            LOG.warn("worker {}: lost {} (its session expired); other workers may already run their cameras",
                    settings.workerId(), partitions);
            remove(partitions);
        }

        private void remove(Collection<TopicPartition> partitions) {
            for (TopicPartition p : partitions) {
                loading.remove(p);
                cameras.removed(p.partition());
            }
        }
    }
}
