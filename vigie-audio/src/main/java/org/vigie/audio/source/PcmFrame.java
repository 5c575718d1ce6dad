package org.vigie.audio.source;

import java.time.Instant;
import java.util.Objects;

/** One block of samples from a sensor, stamped with the capture time of its first sample. */
public record PcmFrame(String sensorId, int sampleRate, Instant captureStart, float[] samples) {
    public PcmFrame {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(captureStart, "captureStart");
        Objects.requireNonNull(samples, "samples");
    }
}
