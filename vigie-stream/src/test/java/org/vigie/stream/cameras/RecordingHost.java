package org.vigie.stream.cameras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A host that runs nothing: it keeps which cameras it runs with which file, every call in order, and every call
 * that breaks the host contract (a start of a running camera, a stop of a stopped one).
 */
final class RecordingHost implements CameraHost {
    final Map<String, String> running = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<String> broken = Collections.synchronizedList(new ArrayList<>());
    private final Predicate<String> refuses;

    RecordingHost() {
        this(file -> false);
    }

    /** @param refuses which files the host cannot start a camera from */
    RecordingHost(Predicate<String> refuses) {
        this.refuses = refuses;
    }

    @Override
    public void start(String cameraId, String cameraFile) {
        calls.add("start " + cameraId + " " + cameraFile);
        if (refuses.test(cameraFile)) {
            throw new IllegalArgumentException("camera " + cameraId + ": stream does not open");
        }
        if (running.putIfAbsent(cameraId, cameraFile) != null) {
            broken.add("started " + cameraId + " while it ran");
        }
    }

    @Override
    public void stop(String cameraId) {
        calls.add("stop " + cameraId);
        if (running.remove(cameraId) == null) {
            broken.add("stopped " + cameraId + " while it did not run");
        }
    }

    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
