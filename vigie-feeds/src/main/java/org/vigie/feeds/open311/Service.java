package org.vigie.feeds.open311;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.vigie.core.model.EventType;

/**
 * A kind of problem citizens can report (GeoReport "service"), and the Vigie event type a report of it becomes.
 *
 * @param notice what the city tells the reporter about how it handles this kind of report ({@code service_notice});
 *               may be null
 */
public record Service(String code, String name, String description, String keywords, String group, EventType type,
                      String notice, List<ServiceAttribute> attributes) {
    /** Codes appear in paths ({@code services/CODE.json}): no dots, slashes or spaces. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    public static final int MAX_ATTRIBUTES = 20;

    public Service {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("service code '" + code + "' must match " + CODE.pattern());
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("service '" + code + "' needs a name");
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("service '" + code + "' has more than " + MAX_ATTRIBUTES + " attributes");
        }
        var codes = new HashSet<String>();
        for (ServiceAttribute a : attributes) {
            if (!codes.add(a.code())) {
                throw new IllegalArgumentException("service '" + code + "' defines the attribute '" + a.code() + "' twice");
            }
        }
    }

    /** GeoReport {@code metadata}: whether the service has a definition with questions to fetch. */
    public boolean metadata() {
        return !attributes.isEmpty();
    }
}
