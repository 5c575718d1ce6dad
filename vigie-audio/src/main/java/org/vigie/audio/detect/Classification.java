package org.vigie.audio.detect;

/** A class and how sure the classifier is of it (0..1). */
public record Classification(ImpulseClass impulseClass, double confidence) {
    public Classification {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " outside [0, 1]");
        }
    }
}
