package org.vigie.audio.locate;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Generalised cross-correlation with phase transform: the cross-spectrum of two signals with its magnitude
 * divided out, so every frequency votes equally for the delay and a loud low rumble or a resonance cannot pull
 * the peak. Robust to reverberation, which is why acoustic localisers use it.
 */
public final class GccPhat {
    /** @param seconds delay of {@code b} relative to {@code a} (positive: b heard later); coherence: peak height */
    public record Delay(double seconds, double coherence) {
    }

    private GccPhat() {
    }

    public static Delay delay(float[] a, float[] b, int sampleRate, double maxLagSeconds) {
        int n = Integer.highestOneBit(Math.max(2, a.length + b.length - 1) - 1) << 1;
        double[] fa = new double[2 * n];
        double[] fb = new double[2 * n];
        for (int i = 0; i < a.length; i++) {
            fa[i] = a[i];
        }
        for (int i = 0; i < b.length; i++) {
            fb[i] = b[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForwardFull(fa);
        fft.realForwardFull(fb);
        double[] cross = new double[2 * n];
        for (int k = 0; k < n; k++) {
            // B * conj(A): its inverse peaks at the lag by which b trails a.
            double re = fb[2 * k] * fa[2 * k] + fb[2 * k + 1] * fa[2 * k + 1];
            double im = fb[2 * k + 1] * fa[2 * k] - fb[2 * k] * fa[2 * k + 1];
            double mag = Math.hypot(re, im) + 1e-12;
            cross[2 * k] = re / mag;
            cross[2 * k + 1] = im / mag;
        }
        fft.complexInverse(cross, true);
        int maxLag = Math.min(n / 2 - 1, (int) Math.ceil(maxLagSeconds * sampleRate));
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double v = cross[2 * Math.floorMod(lag, n)];
            if (v > bestValue) {
                bestValue = v;
                best = lag;
            }
        }
        double left = cross[2 * Math.floorMod(best - 1, n)];
        double right = cross[2 * Math.floorMod(best + 1, n)];
        double denominator = left - 2 * bestValue + right;
        double fraction = denominator < 0 ? 0.5 * (left - right) / denominator : 0; // parabolic peak
        return new Delay((best + Math.max(-0.5, Math.min(0.5, fraction))) / sampleRate, bestValue);
    }
}
