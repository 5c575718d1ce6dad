package org.vigie.server.console;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import org.vigie.server.access.Principal;
import org.vigie.server.access.Role;

/**
 * What every console page knows about its request: the words to use, who is looking, and which section is open.
 * Controls are shown by role. Where no access filter ran (a process without accounts, whose API is open to
 * anyone anyway) every control is shown, so the console is no stricter than the API it drives.
 */
public record Page(Messages m, Principal who, boolean accessControlled, String section, ZoneId zone) {

    static Page of(Context ctx, String section, ZoneId zone) {
        return new Page(Messages.forRequest(ctx), Principal.of(ctx), ctx.attribute(Principal.ATTRIBUTE) != null,
                section, zone);
    }

    /** A time as the centre reads it. */
    public String time(Instant t) {
        return Format.time(t, zone);
    }

    /** The label of an event type, e.g. {@code type.gunshot}. */
    public String type(org.vigie.core.model.EventType t) {
        return m.t("type." + t.jsonName());
    }

    public String status(org.vigie.core.model.IncidentStatus s) {
        return m.t("status." + s.jsonName());
    }

    /** Acknowledge, confirm, dismiss, tick procedure steps. */
    public boolean mayDecide() {
        return !accessControlled || who.role() == Role.OPERATOR || who.role() == Role.SUPERVISOR;
    }

    /** Evidence content: never the auditor, who checks who looked, not what was seen. */
    public boolean maySeeEvidence() {
        return !accessControlled || who.role() == Role.OPERATOR || who.role() == Role.SUPERVISOR;
    }

    /** Camera zones and lines. */
    public boolean mayConfigure() {
        return !accessControlled || who.role() == Role.SUPERVISOR;
    }

    public String lang() {
        return m.language();
    }

    /** The other language, for the switch in the header. */
    public String otherLang() {
        return lang().equals("fr") ? "en" : "fr";
    }
}
