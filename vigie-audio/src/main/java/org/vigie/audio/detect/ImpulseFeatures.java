package org.vigie.audio.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an impulse looks like, as numbers: its envelope (rise, decay, crest), its spectrum just after the onset
 * and a little later (centroid, roll-off, flatness, band shares, log-mel shape) and the context it occurred in
 * (siren, rhythm). Level-independent where it can be, since distance to the sensor changes the level, not the
 * kind of sound. The values are physical; they describe a sound, never a speaker.
 */
public record ImpulseFeatures(double[] values) {
    public static final List<String> NAMES;
    public static final int SNR_DB = 0;
    public static final int LEVEL_DBFS = 1;
    public static final int RISE_MS = 2;
    public static final int DECAY10_MS = 3;
    public static final int DECAY20_MS = 4;
    public static final int CREST_DB = 5;
    public static final int CENTROID_HZ = 6;
    public static final int ROLLOFF_HZ = 7;
    public static final int FLATNESS = 8;
    public static final int CENTROID_LATE_HZ = 9;
    public static final int FLATNESS_LATE = 10;
    public static final int LOW_SHARE = 11;
    public static final int HIGH_SHARE = 12;
    public static final int TONALITY_LATE_DB = 13;
    public static final int SIREN_SCORE = 14;
    public static final int ONSET_RATE = 15;
    public static final int MEL_EARLY = 16;
    public static final int MEL_LATE = MEL_EARLY + MelBands.COUNT;

    static {
        var names = new ArrayList<>(List.of("snr_db", "level_dbfs", "rise_ms", "decay10_ms", "decay20_ms", "crest_db",
                "centroid_hz", "rolloff_hz", "flatness", "centroid_late_hz", "flatness_late", "low_share", "high_share",
                "tonality_late_db", "siren_score", "onset_rate"));
        for (int b = 0; b < MelBands.COUNT; b++) {
            names.add("mel_early_" + b);
        }
        for (int b = 0; b < MelBands.COUNT; b++) {
            names.add("mel_late_" + b);
        }
        NAMES = Collections.unmodifiableList(names);
    }

    public ImpulseFeatures {
        if (values.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " feature values, got " + values.length);
        }
    }

    public double get(int index) {
        return values[index];
    }

    private static final double EPS = 1e-12;

    /** Computes the features of one impulse; {@code spectrum} must be at the impulse's sample rate. */
    public static ImpulseFeatures of(Impulse impulse, Spectrum spectrum, MelBands mel) {
        float[] x = impulse.segment();
        int sr = impulse.sampleRate();
        int onset = impulse.onsetOffset();
        double[] v = new double[NAMES.size()];

        int block = Math.max(1, sr / 1000); // 1 ms
        int blocks = x.length / block;
        double[] env = new double[Math.max(1, blocks)];
        for (int j = 0; j < blocks; j++) {
            double s = 0;
            for (int k = j * block; k < (j + 1) * block; k++) {
                s += x[k] * x[k];
            }
            env[j] = Math.sqrt(s / block);
        }
        int ob = Math.min(blocks - 1, onset / block);
        int peakBlock = Math.max(0, ob);
        for (int j = Math.max(0, ob - 2); j < Math.min(blocks, ob + 50); j++) {
            if (env[j] > env[peakBlock]) {
                peakBlock = j;
            }
        }
        double peak = env[peakBlock] + EPS;
        int preEnd = onset - 2 * block;
        double background;
        if (preEnd >= 10 * block) {
            double s = 0;
            for (int k = 0; k < preEnd; k++) {
                s += x[k] * x[k];
            }
            background = Math.sqrt(s / preEnd);
        } else {
            background = 1e-4; // no audio before the onset: assume a quiet street, -80 dBFS
        }
        v[SNR_DB] = 20 * Math.log10(peak / (background + 1e-6));
        v[LEVEL_DBFS] = 20 * Math.log10(peak);
        // Rise: from the last block under a tenth of the peak to the first block at half of it. Half, not the peak
        // itself: low rumbles have a ragged envelope whose maximum can come late although the front was sharp.
        int r = peakBlock;
        while (r > 0 && env[r] > peak * 0.1) {
            r--;
        }
        int half = r;
        while (half < peakBlock && env[half] < peak * 0.5) {
            half++;
        }
        v[RISE_MS] = half - r;
        v[DECAY10_MS] = decay(env, peakBlock, peak / Math.sqrt(10));
        v[DECAY20_MS] = decay(env, peakBlock, peak * 0.1);

        int crestEnd = Math.min(x.length, onset + sr / 4);
        double max = 0;
        double sum = 0;
        for (int k = Math.max(0, onset); k < crestEnd; k++) {
            max = Math.max(max, Math.abs(x[k]));
            sum += x[k] * x[k];
        }
        double rms = Math.sqrt(sum / Math.max(1, crestEnd - onset));
        v[CREST_DB] = 20 * Math.log10((max + EPS) / (rms + EPS));

        int n = spectrum.size();
        int bins = spectrum.bins();
        float[] power = new float[bins];
        double[] early = new double[bins];
        int earlyFrames = 0;
        for (int start = onset - n / 4; start <= onset + n / 2; start += n / 4, earlyFrames++) {
            spectrum.power(x, start, power);
            for (int k = 0; k < bins; k++) {
                early[k] += power[k];
            }
        }
        double[] late = new double[bins];
        int lateFrames = 0;
        for (int start = onset + sr / 20; start + n <= Math.min(x.length, onset + (int) (0.3 * sr)); start += n / 2) {
            spectrum.power(x, start, power);
            for (int k = 0; k < bins; k++) {
                late[k] += power[k];
            }
            lateFrames++;
        }
        if (lateFrames == 0) {
            late = early;
        }
        int lo = mel.firstBin();
        int hi = mel.lastBinExclusive();
        double[] stats = spectralStats(early, lo, hi, spectrum);
        v[CENTROID_HZ] = stats[0];
        v[ROLLOFF_HZ] = stats[1];
        v[FLATNESS] = stats[2];
        v[LOW_SHARE] = stats[3];
        v[HIGH_SHARE] = stats[4];
        double[] lateStats = spectralStats(late, lo, hi, spectrum);
        v[CENTROID_LATE_HZ] = lateStats[0];
        v[FLATNESS_LATE] = lateStats[2];
        int tLo = (int) Math.min(hi - 2, Math.ceil(2000.0 * n / sr));
        int tHi = (int) Math.min(hi, Math.floor(8000.0 * n / sr));
        double tMax = 0;
        double tSum = 0;
        for (int k = tLo; k < tHi; k++) {
            tMax = Math.max(tMax, late[k]);
            tSum += late[k];
        }
        v[TONALITY_LATE_DB] = 10 * Math.log10((tMax + EPS) / (tSum / Math.max(1, tHi - tLo) + EPS));
        v[SIREN_SCORE] = impulse.sirenScore();
        v[ONSET_RATE] = impulse.onsetsPerSecond();

        float[] earlyF = toFloat(early);
        float[] lateF = toFloat(late);
        double[] bandsEarly = new double[MelBands.COUNT];
        double[] bandsLate = new double[MelBands.COUNT];
        mel.energies(earlyF, bandsEarly);
        mel.energies(lateF, bandsLate);
        double ref = EPS;
        double refLate = EPS;
        for (int b = 0; b < MelBands.COUNT; b++) {
            ref = Math.max(ref, bandsEarly[b] / earlyFrames);
            refLate = Math.max(refLate, bandsLate[b] / Math.max(1, lateFrames));
        }
        for (int b = 0; b < MelBands.COUNT; b++) {
            // Shape, not level: each band relative to the loudest band, floored at -60 dB.
            v[MEL_EARLY + b] = Math.max(-60, 10 * Math.log10(bandsEarly[b] / earlyFrames / ref + EPS));
            v[MEL_LATE + b] = Math.max(-60, 10 * Math.log10(bandsLate[b] / Math.max(1, lateFrames) / refLate + EPS));
        }
        return new ImpulseFeatures(v);
    }

    /** Milliseconds from the peak until a 10 ms average of the envelope falls under the level for good. */
    private static double decay(double[] env, int peakBlock, double level) {
        int window = 10;
        double sum = 0;
        int last = peakBlock;
        for (int j = peakBlock; j < env.length; j++) {
            sum += env[j];
            if (j - peakBlock >= window) {
                sum -= env[j - window];
            }
            if (sum / Math.min(window, j - peakBlock + 1) >= level) {
                last = j;
            }
        }
        return last - peakBlock;
    }

    /** centroid Hz, 85 % roll-off Hz, flatness, share below 300 Hz, share above 4 kHz. */
    private static double[] spectralStats(double[] p, int lo, int hi, Spectrum spectrum) {
        double total = 0;
        double weighted = 0;
        double logSum = 0;
        double low = 0;
        double high = 0;
        for (int k = lo; k < hi; k++) {
            double hz = spectrum.binHz(k);
            total += p[k];
            weighted += hz * p[k];
            logSum += Math.log(p[k] + EPS);
            if (hz < 300) {
                low += p[k];
            } else if (hz > 4000) {
                high += p[k];
            }
        }
        int count = hi - lo;
        double acc = 0;
        double rolloff = spectrum.binHz(hi - 1);
        for (int k = lo; k < hi; k++) {
            acc += p[k];
            if (acc >= 0.85 * total) {
                rolloff = spectrum.binHz(k);
                break;
            }
        }
        double mean = total / count + EPS;
        return new double[] {total > EPS ? weighted / total : 0, rolloff, Math.exp(logSum / count) / mean,
                total > EPS ? low / total : 0, total > EPS ? high / total : 0};
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
