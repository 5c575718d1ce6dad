package org.vigie.core.sop;

import java.time.Instant;
import java.util.Objects;

/** An operator marked a step of an incident's procedure as done: which step, who, when. */
public record StepDone(String step, String by, Instant at) {
    public StepDone {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (by.isBlank()) {
            throw new IllegalArgumentException("a completed step must name the operator");
        }
    }
}
