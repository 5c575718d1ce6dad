package org.vigie.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing a source or detector saw: time, place, type, confidence, source and evidence references.
 * Immutable once built; the constructor enforces {@link EventRules} and reports every broken rule at once.
 */
public record Event(
        EventId id,
        Instant occurredAt,
        Instant receivedAt,
        Source source,
        EventType type,
        Location location,
        double confidence,
        Severity severity,
        Attributes attributes,
        List<EvidenceRef> evidence) {

    public static final int MAX_EVIDENCE = 16;

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(severity, "severity");
        attributes = attributes == null ? Attributes.EMPTY : attributes;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        var errors = new ArrayList<FieldError>();
        errors.addAll(EventRules.checkConfidence(confidence));
        errors.addAll(EventRules.checkTimes(occurredAt, receivedAt));
        if (evidence.size() > MAX_EVIDENCE) {
            errors.add(new FieldError("evidence", "at most " + MAX_EVIDENCE + " references"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For detectors and simulators that build events in code. Defaults: new id, severity of the type. */
    public static final class Builder {
        private EventId id;
        private Instant occurredAt;
        private Instant receivedAt;
        private Source source;
        private EventType type;
        private Location location;
        private double confidence = 1.0;
        private Severity severity;
        private Attributes attributes = Attributes.EMPTY;
        private List<EvidenceRef> evidence = List.of();

        public Builder id(EventId v) {
            id = v;
            return this;
        }

        public Builder occurredAt(Instant v) {
            occurredAt = v;
            return this;
        }

        public Builder receivedAt(Instant v) {
            receivedAt = v;
            return this;
        }

        public Builder source(SourceKind kind, String sourceId) {
            source = new Source(kind, sourceId);
            return this;
        }

        public Builder type(EventType v) {
            type = v;
            return this;
        }

        public Builder location(double lat, double lon, double accuracyMeters) {
            location = Location.of(lat, lon, accuracyMeters);
            return this;
        }

        public Builder location(Location v) {
            location = v;
            return this;
        }

        public Builder confidence(double v) {
            confidence = v;
            return this;
        }

        public Builder severity(Severity v) {
            severity = v;
            return this;
        }

        public Builder attributes(Attributes v) {
            attributes = v;
            return this;
        }

        public Builder evidence(List<EvidenceRef> v) {
            evidence = v;
            return this;
        }

        public Event build() {
            Instant received = receivedAt != null ? receivedAt : Instant.now();
            return new Event(id != null ? id : EventId.newId(), occurredAt != null ? occurredAt : received, received,
                    source, type, location, confidence, severity != null ? severity : type.defaultSeverity(),
                    attributes, evidence);
        }
    }
}
