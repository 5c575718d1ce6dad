package org.vigie.audio.detect;

import static org.vigie.audio.detect.ImpulseFeatures.CENTROID_HZ;
import static org.vigie.audio.detect.ImpulseFeatures.CREST_DB;
import static org.vigie.audio.detect.ImpulseFeatures.DECAY20_MS;
import static org.vigie.audio.detect.ImpulseFeatures.FLATNESS;
import static org.vigie.audio.detect.ImpulseFeatures.HIGH_SHARE;
import static org.vigie.audio.detect.ImpulseFeatures.LOW_SHARE;
import static org.vigie.audio.detect.ImpulseFeatures.ONSET_RATE;
import static org.vigie.audio.detect.ImpulseFeatures.RISE_MS;
import static org.vigie.audio.detect.ImpulseFeatures.SNR_DB;
import static org.vigie.audio.detect.ImpulseFeatures.TONALITY_LATE_DB;

/**
 * The default classifier: rules from the physics of the sounds, needing no model file and trained on nothing.
 * <ul>
 * <li>A muzzle blast is a shock front: it reaches its peak within a few milliseconds, is broadband (flat
 * spectrum, centroid below 5 kHz), its direct sound decays within a few hundred milliseconds and its tail is
 * reverberant noise, not a tone.</li>
 * <li>An explosion or a firework carries much more energy below 300 Hz and rumbles longer.</li>
 * <li>Breaking glass is bright (most energy above 4 kHz) and rings: narrow peaks persist after the onset.</li>
 * <li>Machinery (jackhammer, drill) repeats its impulses several times a second; a gunshot burst is sparser.</li>
 * </ul>
 * Each test is soft (a logistic of its margin) and the confidence is the weakest of the tests that matter.
 */
public final class ImpulseRules implements ImpulseClassifier {

    @Override
    public Classification classify(ImpulseFeatures f) {
        double impulsive = min(above(f.get(SNR_DB), 20, 4), below(f.get(RISE_MS), 10, 3), above(f.get(CREST_DB), 9, 1.5),
                below(f.get(ONSET_RATE), 2.5, 0.5));
        if (impulsive < 0.5) {
            return new Classification(ImpulseClass.OTHER, 1 - impulsive);
        }
        double glass = min(impulsive, above(f.get(CENTROID_HZ), 3500, 400), above(f.get(HIGH_SHARE), 0.45, 0.08),
                above(f.get(TONALITY_LATE_DB), 10, 2));
        double explosion = min(impulsive, above(f.get(LOW_SHARE), 0.5, 0.08), above(f.get(DECAY20_MS), 400, 80),
                below(f.get(CENTROID_HZ), 1000, 200));
        double gunshot = min(impulsive, above(f.get(FLATNESS), 0.04, 0.015), below(f.get(DECAY20_MS), 800, 100),
                below(f.get(CENTROID_HZ), 5000, 500), below(f.get(TONALITY_LATE_DB), 14, 2), 1 - glass, 1 - explosion);
        if (glass >= 0.5 && glass >= explosion) {
            return new Classification(ImpulseClass.GLASS_BREAK, glass);
        }
        if (explosion >= 0.5) {
            return new Classification(ImpulseClass.EXPLOSION, explosion);
        }
        if (gunshot >= 0.5) {
            return new Classification(ImpulseClass.GUNSHOT, gunshot);
        }
        return new Classification(ImpulseClass.OTHER, 1 - Math.max(gunshot, Math.max(glass, explosion)));
    }

    @Override
    public String name() {
        return "rules";
    }

    private static double above(double value, double threshold, double softness) {
        return 1 / (1 + Math.exp(-(value - threshold) / softness));
    }

    private static double below(double value, double threshold, double softness) {
        return above(-value, -threshold, softness);
    }

    private static double min(double... v) {
        double m = 1;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }
}
