package org.vigie.core.model;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when an event is built from values that break its rules; lists every wrong field, not just the first. */
public final class InvalidEventException extends IllegalArgumentException {
    private final transient List<FieldError> errors;

    public InvalidEventException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
