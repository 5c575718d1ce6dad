package org.vigie.audio.detect;

/**
 * One impulsive onset with the short segment around it (at most {@link ImpulseDetector.Settings#segmentSeconds()}
 * seconds, the only audio ever kept) and the context the detector saw when it fired.
 *
 * @param onsetSample  index of the onset in the stream since the detector's last reset
 * @param segment      samples around the onset
 * @param onsetOffset  index of the onset in {@code segment}
 * @param floorDb      adaptive noise floor (frame energy, dB full scale) before the onset
 * @param sirenScore   fraction of the last seconds that sounded like a siren (0..1)
 * @param onsetsPerSecond onsets in the last few seconds, per second: rhythmic machinery scores high
 */
public record Impulse(long onsetSample, float[] segment, int onsetOffset, int sampleRate, double floorDb,
                      double sirenScore, double onsetsPerSecond) {
}
