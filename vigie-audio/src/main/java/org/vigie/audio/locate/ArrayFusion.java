package org.vigie.audio.locate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.detect.Detection;
import org.vigie.core.model.Event;

/**
 * One event per impulse, however many sensors heard it: impulses whose onsets fall within the time sound needs
 * to cross the array are one; once that time has passed they are located together and the most confident alert
 * among them is raised, placed at the fix (a group with no alert is dropped). A sensor alone keeps its own place and radius.
 * Thread-safe: detections arrive from every sensor's connection.
 */
public final class ArrayFusion {
    private final Map<String, AcousticSensor> sensors;
    private final Localiser localiser;
    private final Duration window;
    private final Consumer<Event> events;
    private final List<List<Detection>> open = new ArrayList<>();

    public ArrayFusion(List<AcousticSensor> sensors, Localiser localiser, Duration skewBound, Consumer<Event> events) {
        this.sensors = sensors.stream().collect(java.util.stream.Collectors.toMap(AcousticSensor::id, s -> s));
        this.localiser = localiser;
        double aperture = 0;
        for (AcousticSensor a : sensors) {
            for (AcousticSensor b : sensors) {
                LocalFrame f = new LocalFrame(a.lat(), a.lon());
                double[] p = f.toMetres(b.lat(), b.lon());
                aperture = Math.max(aperture, Math.hypot(p[0], p[1]));
            }
        }
        this.window = Duration.ofNanos((long) (aperture / Localiser.SPEED_OF_SOUND * 1e9)).plus(skewBound);
        this.events = events;
    }

    /** The longest time between two sensors hearing the same impulse. */
    public Duration window() {
        return window;
    }

    public synchronized void offer(Detection d) {
        for (List<Detection> group : open) {
            Detection first = group.get(0);
            boolean sameSensor = group.stream().anyMatch(g -> g.sensorId().equals(d.sensorId()));
            // Class is not compared: a distant sensor hears a duller sound and may not call it what a near one did.
            if (!sameSensor && Duration.between(first.onsetTime(), d.onsetTime()).abs().compareTo(window) <= 0) {
                group.add(d);
                return;
            }
        }
        open.add(new ArrayList<>(List.of(d)));
    }

    /** Raises the impulses no further sensor can still report: those heard first more than a window before now. */
    public synchronized void flush(Instant now) {
        var due = open.stream().filter(g -> g.get(0).onsetTime().plus(window).isBefore(now)).toList();
        open.removeAll(due);
        for (List<Detection> group : due) {
            var best = group.stream().flatMap(d -> d.findEvent().stream()).max(Comparator.comparingDouble(Event::confidence));
            if (best.isEmpty()) {
                continue; // no sensor called it an alert: the impulse is forgotten
            }
            if (group.size() == 1) {
                events.accept(best.get());
                continue;
            }
            var arrivals = group.stream().filter(d -> sensors.containsKey(d.sensorId()))
                    .map(d -> Localiser.Arrival.of(sensors.get(d.sensorId()), d)).toList();
            // Every sensor's snippet of the impulse, the raised event's own first: an operator can hear each of them.
            var evidence = new java.util.LinkedHashSet<>(best.get().evidence());
            group.forEach(d -> d.findEvent().ifPresent(e -> evidence.addAll(e.evidence())));
            events.accept(Localiser.located(best.get(), localiser.locate(arrivals), List.copyOf(evidence)));
        }
    }
}
