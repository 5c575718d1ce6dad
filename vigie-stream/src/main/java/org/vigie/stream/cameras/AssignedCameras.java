package org.vigie.stream.cameras;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras of the partitions a worker owns: for each partition the latest file of each of its cameras (the
 * compacted topic read as a table), and which cameras run on the host. Kafka-free so that the start, restart and
 * stop decisions are tested without a broker.
 *
 * <p>Only the worker's polling thread calls the mutating methods; {@link #running()}, {@link #failed()} and the
 * counters may be read from any thread.
 */
final class AssignedCameras {
    private static final Logger LOG = LoggerFactory.getLogger(AssignedCameras.class);

    /** One owned partition: its cameras' latest files, and whether they have been read up to the assignment's end. */
    private static final class Partition {
        final Map<String, String> files = new HashMap<>();
        boolean loaded;
    }

    private final String workerId;
    private final CameraHost host;
    private final Map<Integer, Partition> partitions = new HashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong stopped = new AtomicLong();
    private final AtomicLong startFailures = new AtomicLong();

    AssignedCameras(String workerId, CameraHost host) {
        this.workerId = workerId;
        this.host = host;
    }

    /** The partition is now ours and is read from its beginning; its cameras start once it is {@link #loaded}. */
    void loading(int partition) {
        partitions.put(partition, new Partition());
    }

    /** A record of an owned partition: a camera's new file, or {@code null} when the camera was removed. */
    void record(int partition, String cameraId, String cameraFile) {
        Partition p = partitions.get(partition);
        if (p == null) {
            throw new IllegalStateException("a record of partition " + partition + ", which this worker does not own");
        }
        String previous = cameraFile == null ? p.files.remove(cameraId) : p.files.put(cameraId, cameraFile);
        if (!p.loaded) {
            return;
        }
        if (cameraFile == null) {
            failed.remove(cameraId);
            if (running.contains(cameraId)) {
                stop(cameraId);
            }
        } else if (!running.contains(cameraId)) {
            start(cameraId, cameraFile);
        } else if (!cameraFile.equals(previous)) {
            stop(cameraId);
            start(cameraId, cameraFile);
        }
        // The same file published again (a catalog re-published from its folder) leaves a running camera alone.
    }

    /** The partition has been read up to its end offset: start every camera that has a file. */
    void loaded(int partition) {
        Partition p = partitions.get(partition);
        p.loaded = true;
        p.files.forEach(this::start);
    }

    /** The partition was revoked or lost: stop its cameras and forget them. */
    void removed(int partition) {
        Partition p = partitions.remove(partition);
        if (p == null) {
            return;
        }
        for (String id : p.files.keySet()) {
            failed.remove(id);
            if (running.contains(id)) {
                stop(id);
            }
        }
    }

    /** Stops every camera of every partition: the worker is closing. */
    void removeAll() {
        for (int partition : Set.copyOf(partitions.keySet())) {
            removed(partition);
        }
    }

    Set<String> running() {
        return Set.copyOf(running);
    }

    /** Camera id → why its last start failed. */
    Map<String, String> failed() {
        return Map.copyOf(failed);
    }

    long started() {
        return started.get();
    }

    long stopped() {
        return stopped.get();
    }

    long startFailures() {
        return startFailures.get();
    }

    private void start(String id, String file) {
        try {
            host.start(id, file);
        } catch (RuntimeException e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            failed.put(id, reason);
            startFailures.incrementAndGet();
            LOG.warn("worker {}: camera {} did not start; it is tried again on its next file or reassignment",
                    workerId, id, e);
            return;
        }
        failed.remove(id);
        running.add(id);
        started.incrementAndGet();
        LOG.info("worker {}: camera {} started", workerId, id);
    }

    private void stop(String id) {
        // Whatever the host says, the camera is no longer this worker's: it counts as stopped.
        running.remove(id);
        stopped.incrementAndGet();
        try {
            host.stop(id);
            LOG.info("worker {}: camera {} stopped", workerId, id);
        } catch (RuntimeException e) {
            LOG.warn("worker {}: camera {} did not stop cleanly", workerId, id, e);
        }
    }
}
