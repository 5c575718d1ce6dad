package org.vigie.core.sop;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a standard operating procedure, e.g. {@code alert-police}: "Alert police dispatch (17) with the
 * place, the time and the number of reports". The id is what an operator's completion names.
 */
public record Step(String id, String text) {
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final int MAX_TEXT = 500;

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("step id must be lower-case letters, digits and '-' (at most 64), got '"
                    + id + "'");
        }
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("step '" + id + "' needs a text of 1.." + MAX_TEXT + " characters");
        }
    }
}
