package org.vigie.core.model;

/** One thing wrong with one field of an input record; {@code field} is a JSON path such as {@code location.lat}. */
public record FieldError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
