package org.vigie.audio.read;

import java.util.Objects;

/**
 * Mono audio in the range [-1, 1] at its own sample rate. Multi-channel input is averaged to mono when read:
 * impulse detection needs one pressure signal per sensor, not a stereo image.
 */
public record AudioClip(float[] samples, int sampleRate) {
    public AudioClip {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz out of range [1000, 384000]");
        }
    }

    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
