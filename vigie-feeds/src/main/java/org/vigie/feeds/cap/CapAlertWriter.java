package org.vigie.feeds.cap;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;

/**
 * CAP 1.2 out: confirmed incidents as {@code <alert>}s, alone or as the entries of an Atom feed, written with
 * {@link XMLStreamWriter} so that every text is escaped by the writer. Elements come in the order the CAP 1.2
 * schema requires. Nothing about persons is written: the type of situation, its place as a circle, its
 * severity and Vigie's priority.
 *
 * <p>{@code certainty} is {@code Observed}: only incidents an operator confirmed are published. {@code urgency}
 * follows Vigie's priority (1–2 Immediate, 3 Expected, 4–5 Future). The incident's {@link EventType} is also
 * written as an event code ({@value #EVENT_TYPE_CODE}), so another Vigie reading this feed keeps the type exactly.
 */
public final class CapAlertWriter {
    public static final String CAP12 = CapAlertReader.CAP12;
    public static final String ATOM = CapFormat.ATOM;
    public static final String EVENT_TYPE_CODE = "vigie:event-type";
    public static final String CAP_MEDIA_TYPE = "application/cap+xml";
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private CapAlertWriter() {
    }

    /** What describes the feed itself: a stable id, a title, its own address and the next page's, if any. */
    public record FeedHead(String id, String title, String selfUri, String nextUri, Instant updated) {
        public FeedHead {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(updated, "updated");
        }
    }

    /** CAP's date-time: seconds, and an explicit offset ({@code +00:00}; CAP 1.2 forbids "Z"). */
    public static String capTime(Instant t) {
        return CAP_TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** One alert as a standalone UTF-8 document. */
    public static byte[] alert(CapMessage message) {
        var out = new ByteArrayOutputStream(2048);
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            writeAlert(w, message);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a CAP alert to memory failed", e);
        }
        return out.toByteArray();
    }

    /** An Atom feed (RFC 4287) whose entries each carry one alert in {@code <content type="application/cap+xml">}. */
    public static byte[] atomFeed(FeedHead head, List<CapMessage> messages) {
        var out = new ByteArrayOutputStream(1024 + 2048 * messages.size());
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(ATOM);
            w.writeStartElement(ATOM, "feed");
            w.writeDefaultNamespace(ATOM);
            text(w, ATOM, "id", head.id());
            text(w, ATOM, "title", head.title());
            text(w, ATOM, "updated", atomTime(head.updated()));
            w.writeStartElement(ATOM, "author");
            text(w, ATOM, "name", "Vigie");
            w.writeEndElement();
            link(w, "self", head.selfUri(), "application/atom+xml");
            link(w, "next", head.nextUri(), "application/atom+xml");
            for (CapMessage m : messages) {
                w.writeStartElement(ATOM, "entry");
                text(w, ATOM, "id", "urn:uuid:" + m.incident().id());
                text(w, ATOM, "title", headline(m));
                text(w, ATOM, "updated", atomTime(m.sent()));
                w.writeStartElement(ATOM, "content");
                w.writeAttribute("type", CAP_MEDIA_TYPE);
                writeAlert(w, m);
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a CAP Atom feed to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes one {@code <alert>} in the CAP 1.2 namespace at the writer's position. */
    public static void writeAlert(XMLStreamWriter w, CapMessage m) throws XMLStreamException {
        Incident incident = m.incident();
        EventType type = incident.type();
        String previousDefault = w.getNamespaceContext().getNamespaceURI("");
        w.setDefaultNamespace(CAP12);
        w.writeStartElement(CAP12, "alert");
        w.writeDefaultNamespace(CAP12);
        text(w, CAP12, "identifier", m.identifier());
        text(w, CAP12, "sender", m.sender());
        text(w, CAP12, "sent", capTime(m.sent()));
        text(w, CAP12, "status", "Actual");
        text(w, CAP12, "msgType", m.msgType());
        text(w, CAP12, "scope", "Public");
        if (!m.references().isEmpty()) {
            text(w, CAP12, "references", String.join(" ", m.references()));
        }
        text(w, CAP12, "incidents", incident.id().toString());
        w.writeStartElement(CAP12, "info");
        text(w, CAP12, "language", "en");
        text(w, CAP12, "category", type.capCategory().capName());
        text(w, CAP12, "event", label(type));
        text(w, CAP12, "urgency", urgency(incident.priority()));
        text(w, CAP12, "severity", capName(incident.severity().jsonName()));
        text(w, CAP12, "certainty", "Observed");
        pair(w, "eventCode", EVENT_TYPE_CODE, type.jsonName());
        text(w, CAP12, "onset", capTime(incident.firstSeen()));
        text(w, CAP12, "senderName", "Vigie");
        text(w, CAP12, "headline", headline(m));
        pair(w, "parameter", "vigie:priority", Integer.toString(incident.priority()));
        pair(w, "parameter", "vigie:confidence", String.format(Locale.ROOT, "%.2f", incident.confidence()));
        w.writeStartElement(CAP12, "area");
        text(w, CAP12, "areaDesc", m.areaDesc());
        var where = incident.location();
        text(w, CAP12, "circle", String.format(Locale.ROOT, "%.6f,%.6f %.3f", where.lat(), where.lon(),
                where.accuracyMeters() / 1000));
        w.writeEndElement(); // area
        w.writeEndElement(); // info
        w.writeEndElement(); // alert
        w.setDefaultNamespace(previousDefault == null ? "" : previousDefault);
    }

    /** "Abandoned object" for {@code abandoned_object}. */
    static String label(EventType type) {
        String words = type.jsonName().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String headline(CapMessage m) {
        return label(m.incident().type()) + " confirmed, " + m.areaDesc();
    }

    private static String urgency(int priority) {
        return priority <= 2 ? "Immediate" : priority == 3 ? "Expected" : "Future";
    }

    private static String capName(String jsonName) {
        return Character.toUpperCase(jsonName.charAt(0)) + jsonName.substring(1);
    }

    private static String atomTime(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void pair(XMLStreamWriter w, String element, String name, String value) throws XMLStreamException {
        w.writeStartElement(CAP12, element);
        text(w, CAP12, "valueName", name);
        text(w, CAP12, "value", value);
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        if (href == null) {
            return;
        }
        w.writeEmptyElement(ATOM, "link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("type", type);
        w.writeAttribute("href", xmlChars(href));
    }

    private static void text(XMLStreamWriter w, String ns, String name, String value) throws XMLStreamException {
        w.writeStartElement(ns, name);
        w.writeCharacters(xmlChars(value));
        w.writeEndElement();
    }

    /**
     * The writer escapes markup but passes through characters XML 1.0 cannot carry at all (controls, lone
     * surrogates); a district name from a configured file must not make the whole feed unreadable.
     */
    static String xmlChars(String s) {
        var out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (ok) {
                out.appendCodePoint(c);
            } else {
                out.append('\uFFFD');
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
