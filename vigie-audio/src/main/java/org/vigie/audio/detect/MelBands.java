package org.vigie.audio.detect;

/**
 * Rectangular bands equally spaced on the mel scale from 60 Hz to 11 kHz (or the Nyquist frequency if lower).
 * The upper limit is the same at every sample rate so that a model trained at 22.05 kHz applies at 48 kHz.
 */
public final class MelBands {
    public static final int COUNT = 20;
    public static final double LOW_HZ = 60;
    public static final double HIGH_HZ = 11_000;

    private final int[] edges = new int[COUNT + 1];

    public MelBands(Spectrum spectrum) {
        double high = Math.min(HIGH_HZ, spectrum.sampleRate() / 2.0 * 0.98);
        double lowMel = mel(LOW_HZ);
        double highMel = mel(high);
        int maxBin = spectrum.bins() - 1;
        for (int b = 0; b <= COUNT; b++) {
            double hz = hz(lowMel + (highMel - lowMel) * b / COUNT);
            int bin = (int) Math.round(hz * spectrum.size() / spectrum.sampleRate());
            // Low bands narrower than one bin at small frame sizes: widen them rather than leave them empty.
            edges[b] = Math.min(maxBin - COUNT + b, Math.max(bin, b == 0 ? 1 : edges[b - 1] + 1));
        }
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Sums power into the bands; returns the total power of all bands. */
    public double energies(float[] power, double[] out) {
        double total = 0;
        for (int b = 0; b < COUNT; b++) {
            double sum = 0;
            for (int k = edges[b]; k < edges[b + 1]; k++) {
                sum += power[k];
            }
            out[b] = sum;
            total += sum;
        }
        return total;
    }

    /** First bin above the bands: spectral statistics stop here too. */
    public int lastBinExclusive() {
        return edges[COUNT];
    }

    public int firstBin() {
        return edges[0];
    }
}
