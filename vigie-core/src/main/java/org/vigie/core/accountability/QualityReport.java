package org.vigie.core.accountability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How often alerts were right, from operators' verdicts, over {@code [from, to)}.
 *
 * @param overall      every alert of the period once
 * @param evidenceUsed confirmed alerts whose evidence someone opened, out of confirmed alerts
 * @param groups       per key of {@code by}, largest first
 * @param causes       dismissal causes per detector ({@link Grouping#DETECTOR} key), most frequent first
 */
public record QualityReport(Instant from, Instant to, Grouping by, Bucket bucket, Tally overall, Rate evidenceUsed,
                            List<Group> groups, List<DetectorCauses> causes) {

    /** One key's figures for the whole period and per time slice (slices without alerts are left out). */
    public record Group(String key, Tally tally, List<Slice> slices) {
        public Rate precision() {
            return tally.precision();
        }
    }

    public record Slice(LocalDate start, Tally tally) {
        public Rate precision() {
            return tally.precision();
        }
    }

    /** @param causes codes of {@link org.vigie.core.model.DismissalReason}, or {@code unspecified} */
    public record DetectorCauses(String detector, long dismissed, List<Cause> causes) {
    }

    public record Cause(String code, long count) {
    }
}
