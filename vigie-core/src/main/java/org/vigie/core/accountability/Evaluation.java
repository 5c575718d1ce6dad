package org.vigie.core.accountability;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one offline evaluation run of a detector ({@code vigie video eval}, {@code vigie audio eval}) on a
 * labelled data set: what the accuracy documentation of a high-risk system states, kept beside live precision.
 *
 * @param detector e.g. {@code video.fire} or {@code audio.gunshot}
 * @param version  the detector's version (model file hash, release)
 * @param classes  scores per class, by the event type the class becomes ({@code gunshot}, {@code fire_start})
 */
public record Evaluation(String detector, String version, String dataset, Instant runAt, Map<String, Scores> classes) {
    public static final int MAX_NAME = 200;
    public static final int MAX_CLASSES = 500;

    /** @param support how many labelled examples of the class the data set holds */
    public record Scores(double precision, double recall, double f1, long support) {
        public Scores {
            check("precision", precision);
            check("recall", recall);
            check("f1", f1);
            if (support < 0) {
                throw new IllegalArgumentException("support cannot be negative, got " + support);
            }
        }

        private static void check(String name, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
            }
        }

        /** The harmonic mean of precision and recall; 0 when both are 0. */
        public static double f1Of(double precision, double recall) {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
    }

    public Evaluation {
        name("detector", detector);
        name("version", version);
        name("dataset", dataset);
        Objects.requireNonNull(runAt, "runAt");
        if (classes.isEmpty() || classes.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("an evaluation needs 1.." + MAX_CLASSES + " classes, got " + classes.size());
        }
        classes.keySet().forEach(c -> name("class", c));
        classes = Collections.unmodifiableMap(new TreeMap<>(classes));
    }

    private static void name(String what, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_NAME + " characters");
        }
    }

    /**
     * Reads {@code {"detector", "version", "dataset", "runAt", "classes": {"gunshot": {"precision", "recall",
     * "f1", "support"}}}}; {@code f1} is computed when absent, {@code support} is 0 when absent. Fields given in
     * {@code overrides} (detector, version, dataset, runAt) win over the document's.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static Evaluation fromJson(JsonNode doc, Map<String, String> overrides) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("an evaluation must be a JSON object");
        }
        String detector = field(doc, overrides, "detector");
        String version = field(doc, overrides, "version");
        String dataset = field(doc, overrides, "dataset");
        String runAtText = field(doc, overrides, "runAt");
        Instant runAt;
        try {
            runAt = Instant.parse(runAtText);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("runAt must be an ISO-8601 instant such as 2026-11-29T10:00:00Z, got '"
                    + runAtText + "'");
        }
        JsonNode classes = doc.get("classes");
        if (classes == null || !classes.isObject()) {
            throw new IllegalArgumentException("classes must be an object of scores per class");
        }
        var scores = new TreeMap<String, Scores>();
        for (var e : classes.properties()) {
            JsonNode c = e.getValue();
            String where = "classes." + e.getKey();
            double p = score(c, where, "precision");
            double r = score(c, where, "recall");
            double f1 = c.has("f1") ? score(c, where, "f1") : Scores.f1Of(p, r);
            JsonNode support = c.get("support");
            if (support != null && !(support.isIntegralNumber() && support.canConvertToLong() && support.asLong() >= 0)) {
                throw new IllegalArgumentException(where + ".support must be a whole number >= 0");
            }
            try {
                scores.put(e.getKey(), new Scores(p, r, f1, support == null ? 0 : support.asLong()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
            }
        }
        return new Evaluation(detector, version, dataset, runAt, scores);
    }

    private static String field(JsonNode doc, Map<String, String> overrides, String name) {
        String given = overrides.get(name);
        if (given != null) {
            return given;
        }
        JsonNode v = doc.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(name + " is missing (give it in the document or as an option)");
        }
        return v.asText();
    }

    private static double score(JsonNode c, String where, String name) {
        JsonNode v = c == null ? null : c.get(name);
        if (v == null || !v.isNumber() || !(v.asDouble() >= 0 && v.asDouble() <= 1)) {
            throw new IllegalArgumentException(where + "." + name + " must be a number in [0, 1]");
        }
        return v.asDouble();
    }
}
