package org.vigie.core.json;

import java.util.List;
import org.vigie.core.model.Event;
import org.vigie.core.model.FieldError;

/** The outcome of reading one event record: the event, or every field that was wrong. */
public sealed interface EventReadResult {
    record Valid(Event event) implements EventReadResult {
    }

    record Invalid(List<FieldError> errors) implements EventReadResult {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
