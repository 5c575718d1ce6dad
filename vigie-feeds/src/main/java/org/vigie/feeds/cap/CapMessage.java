package org.vigie.feeds.cap;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.vigie.core.model.Event;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentStatus;

/**
 * A confirmed incident as one CAP message: who sends it, what kind of message it is and what it names.
 *
 * <p>An incident is first published when an operator confirms it: {@code msgType} Alert, {@code identifier} the
 * incident id, {@code sent} the time of the confirmation. If events joined it after that (received after the
 * confirmation), what Vigie knows has changed — place, severity, confidence — and the message is an Update: CAP
 * identifiers name one message each, so the Update's is the incident id with the incident version
 * ({@code <id>-v<version>}), it is sent when the last of those events arrived, and it references the Alert. Both
 * carry the incident id in {@code <incidents>}, so a consumer can follow one incident through its messages.
 *
 * @param areaDesc how a person names the place (the district), required by CAP
 */
public record CapMessage(Incident incident, String sender, String msgType, String identifier, Instant sent,
                         List<String> references, String areaDesc) {

    public CapMessage {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(msgType, "msgType");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(areaDesc, "areaDesc");
        references = List.copyOf(references);
        checkRestricted("sender", sender);
        checkRestricted("identifier", identifier);
    }

    /**
     * @param members the incident's events as stored (for their reception times)
     * @throws IllegalArgumentException when the incident is not confirmed
     */
    public static CapMessage of(Incident incident, List<Event> members, String sender, String areaDesc) {
        if (incident.status() != IncidentStatus.CONFIRMED || incident.verdict() == null) {
            throw new IllegalArgumentException("only a confirmed incident is published as CAP; " + incident.id()
                    + " is " + incident.status().jsonName());
        }
        Instant confirmed = incident.verdict().at().truncatedTo(ChronoUnit.SECONDS);
        Instant latest = null;
        for (Event e : members) {
            if (e.receivedAt().isAfter(incident.verdict().at()) && (latest == null || e.receivedAt().isAfter(latest))) {
                latest = e.receivedAt();
            }
        }
        String id = incident.id().toString();
        if (latest == null) {
            return new CapMessage(incident, sender, "Alert", id, confirmed, List.of(), areaDesc);
        }
        return new CapMessage(incident, sender, "Update", id + "-v" + incident.version(),
                latest.truncatedTo(ChronoUnit.SECONDS), List.of(sender + "," + id + "," + CapAlertWriter.capTime(confirmed)),
                areaDesc);
    }

    /** CAP: no spaces, commas, '<' or '&' in a sender or identifier, which are joined with commas in references. */
    private static void checkRestricted(String what, String value) {
        if (value.isBlank() || value.chars().anyMatch(c -> c == ',' || c == '<' || c == '&' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("a CAP " + what + " must be non-empty, without spaces, commas, '<' or '&': '"
                    + value + "'");
        }
    }
}
