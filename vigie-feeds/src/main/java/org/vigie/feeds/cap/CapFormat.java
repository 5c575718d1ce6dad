package org.vigie.feeds.cap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.vigie.core.geo.City;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventRules;
import org.vigie.core.model.Location;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedIds;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.RejectedRecord;

/**
 * CAP 1.1 and 1.2 in: one {@code <alert>}, an Atom feed whose entries hold alerts (in {@code <content>}, as XML or
 * escaped text, or as foreign markup of the entry), an RSS 2.0 feed whose items do, or an EDXL-DE 1.0/2.0
 * distribution whose content objects embed them. Each {@code <info>} × {@code <area>} of an alert becomes one
 * event of source kind {@code cap_feed}, located by {@link AreaLocator} and classified by {@link CapTaxonomy}.
 *
 * <p>What becomes no event, and why:
 * <ul>
 * <li>Rejected, with the element and line: an alert whose header breaks CAP; an info with a missing or wrong
 *     element; an area that cannot be placed (no shape, a malformed shape, geocodes the city does not know, wider
 *     than 100 km); an alert with no info or an info with no area; a feed entry, item or content object that holds
 *     no alert (an index feed that only links to them); an alert outside any entry.</li>
 * <li>Skipped and counted in {@link FeedBatch#records()}: alerts whose {@code status} is not {@code Actual}
 *     (exercises, tests, drafts and system messages are not situations in the city); {@code msgType} {@code Cancel},
 *     {@code Ack} and {@code Error} (they withdraw or acknowledge earlier messages and announce nothing new; the
 *     events of the earlier message stay, as every event does, and operators close the incident); infos whose
 *     {@code responseType} is only {@code AllClear} (the end of a threat is not a new situation); and an info that
 *     repeats an earlier one in another language (Canada sends every alert in English and French: the same
 *     situation once, not twice).</li>
 * </ul>
 *
 * <p>Event ids derive from the source, the sender, the alert's identifier and sent time, and the info and area
 * positions ({@link FeedIds}), so polling a feed twice stores nothing twice and an {@code Update} (a new sent time)
 * is new events. {@code sender} is part of the key because CAP makes identifiers unique per sender only, and one
 * feed may relay several senders. The time is the first of {@code onset}, {@code effective} and {@code sent} that
 * is not in the future: a warning issued today for a storm tomorrow is an event of today, with its onset kept.
 *
 * <p>Privacy: {@code description}, {@code instruction}, {@code contact}, {@code addresses}, {@code note},
 * {@code parameter}s and {@code resource}s (with their embedded files) are never read, nor are Atom/RSS authors;
 * an AMBER alert describes persons there. Events keep the alert's identifier and sender (an agency's address),
 * its event name, a truncated headline and the area's description.
 *
 * <p>Thread-safe: no state but the locator's cache.
 */
public final class CapFormat implements FeedFormat {
    public static final String NAME = "cap";
    /** One document gives at most this many events; a larger feed must be split (it would be one huge batch). */
    public static final int MAX_EVENTS = 10_000;
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String EDXL_DE_10 = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
    static final String EDXL_DE_20 = "urn:oasis:names:tc:emergency:EDXL:DE:2.0";
    static final int HEADLINE_CHARS = 160;
    static final int TEXT_CHARS = 256;

    private final AreaLocator locator;

    /** @param city the city whose district codes (INSEE in France) an area's geocodes may name */
    public CapFormat(City city) {
        this.locator = new AreaLocator(Objects.requireNonNull(city, "city"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FeedBatch parse(byte[] document, FeedContext context) throws FeedParseException {
        return read(document, context).batch();
    }

    /**
     * The batch, and a note for each alert or info that was skipped on purpose (not Actual, Cancel, all clear,
     * translation), so a listing can account for every record.
     */
    record Reading(FeedBatch batch, List<String> skipped) {
    }

    Reading read(byte[] document, FeedContext context) throws FeedParseException {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(context, "context");
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new FeedParseException("a CAP document holds at most " + MAX_DOCUMENT_BYTES + " bytes, this one has "
                    + document.length);
        }
        XmlTree tree = XmlTree.read(document);
        XmlNode root = tree.root();
        var reading = new Collector(context);
        if (CapAlertReader.isAlert(root)) {
            reading.records++;
            reading.alert(root, tree, "");
        } else if (root.is(ATOM, "feed")) {
            for (XmlNode child : root.children()) {
                if (child.is(ATOM, "entry")) {
                    reading.container(child, tree, "entry " + (++reading.records) + atomLabel(child), atomLink(child),
                            child.child(ATOM, "content").orElse(null));
                } else if (child.name().equals("alert")) {
                    reading.records++;
                    reading.reject("alert at line " + child.line(), "a CAP alert outside any <entry> is foreign markup"
                            + " to Atom, not an entry of the feed; it is not read", tree.raw(child));
                }
            }
        } else if (root.is(ATOM, "entry")) {
            reading.container(root, tree, "entry " + (++reading.records) + atomLabel(root), atomLink(root),
                    root.child(ATOM, "content").orElse(null));
        } else if (root.is("", "rss")) {
            for (XmlNode channel : root.children("", "channel")) {
                for (XmlNode item : channel.children("", "item")) {
                    reading.container(item, tree, "item " + (++reading.records) + rssLabel(item), rssLink(item),
                            item.child("", "description").orElse(null));
                }
            }
        } else if (root.is(EDXL_DE_10, "EDXLDistribution") || root.is(EDXL_DE_20, "EDXLDistribution")) {
            for (XmlNode content : root.children(root.namespace(), "contentObject")) {
                reading.container(content, tree, "contentObject " + (++reading.records) + " (line " + content.line() + ")",
                        null, null);
            }
        } else {
            throw new FeedParseException(CapAlertReader.whyNotReadable(root).orElse("the root element <" + root.name()
                    + ">" + (root.namespace().isEmpty() ? "" : " (namespace " + root.namespace() + ")")
                    + " is not a CAP 1.1/1.2 alert, an Atom or RSS feed of alerts, or an EDXL-DE distribution"));
        }
        if (reading.events.size() > MAX_EVENTS) {
            throw new FeedParseException("the document gives " + reading.events.size() + " events, more than "
                    + MAX_EVENTS + "; split the feed");
        }
        return new Reading(new FeedBatch(reading.records, reading.events, reading.rejected), reading.skipped);
    }

    private static String atomLabel(XmlNode entry) {
        String id = entry.child(ATOM, "id").map(XmlNode::text).orElse("");
        return " (line " + entry.line() + (id.isEmpty() ? "" : ", id " + CapAlertReader.clip(id)) + ")";
    }

    private static String atomLink(XmlNode entry) {
        for (XmlNode link : entry.children(ATOM, "link")) {
            var href = link.attribute("href");
            if (href.isPresent() && !href.get().isBlank()) {
                return href.get().strip();
            }
        }
        return entry.child(ATOM, "content").flatMap(c -> c.attribute("src")).orElse(null);
    }

    private static String rssLabel(XmlNode item) {
        String guid = item.child("", "guid").map(XmlNode::text).orElse("");
        return " (line " + item.line() + (guid.isEmpty() ? "" : ", guid " + CapAlertReader.clip(guid)) + ")";
    }

    private static String rssLink(XmlNode item) {
        String link = item.child("", "link").map(XmlNode::text).orElse("");
        if (!link.isEmpty()) {
            return link;
        }
        return item.child("", "enclosure").flatMap(e -> e.attribute("url")).orElse(null);
    }

    /** What one document gave so far. Not shared: one per {@link #read} call. */
    private final class Collector {
        private final FeedContext context;
        private final List<Event> events = new ArrayList<>();
        private final Set<EventId> ids = new HashSet<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private int records;

        Collector(FeedContext context) {
            this.context = context;
        }

        void reject(String ref, String reason, String raw) {
            rejected.add(new RejectedRecord(ref, reason, raw));
        }

        /**
         * A feed entry, item or content object: the alerts it holds as XML, or else one written as escaped text in
         * {@code textual} ({@code <content>}, {@code <description>}), or else a rejection that says what it holds.
         */
        void container(XmlNode container, XmlTree tree, String ref, String link, XmlNode textual) {
            var alerts = new ArrayList<XmlNode>(1);
            var unreadable = new ArrayList<String>(0);
            findAlerts(container, alerts, unreadable);
            if (!alerts.isEmpty()) {
                for (XmlNode alert : alerts) {
                    alert(alert, tree, ref + ", ");
                }
                return;
            }
            if (!unreadable.isEmpty()) {
                reject(ref, String.join("; ", unreadable), tree.raw(container));
                return;
            }
            String text = textual == null ? "" : textual.text();
            if (text.startsWith("<")) {
                XmlTree nested;
                try {
                    nested = XmlTree.read(text);
                } catch (FeedParseException e) {
                    reject(ref, "the escaped XML in " + textual.describe() + " cannot be read: " + e.getMessage(),
                            tree.raw(container));
                    return;
                }
                if (CapAlertReader.isAlert(nested.root())) {
                    alert(nested.root(), nested, ref + ", escaped ");
                    return;
                }
                reject(ref, "the escaped XML in " + textual.describe() + " is <" + nested.root().name()
                        + ">, not a CAP 1.1/1.2 alert", tree.raw(container));
                return;
            }
            reject(ref, link == null
                    ? "holds no CAP alert" + (textual == null ? "" : " (its " + textual.describe() + " has none)")
                            + " and links to none"
                    : "holds no CAP alert, only a link to " + CapAlertReader.clip(link)
                            + ": an index feed; fetch the linked alert and submit it", tree.raw(container));
        }

        private void findAlerts(XmlNode node, List<XmlNode> alerts, List<String> unreadable) {
            for (XmlNode child : node.children()) {
                if (CapAlertReader.isAlert(child)) {
                    alerts.add(child);
                } else {
                    CapAlertReader.whyNotReadable(child).ifPresentOrElse(unreadable::add,
                            () -> findAlerts(child, alerts, unreadable));
                }
            }
        }

        void alert(XmlNode node, XmlTree tree, String where) {
            String raw = tree.raw(node);
            CapAlert alert;
            try {
                alert = CapAlertReader.read(node);
            } catch (CapAlertReader.InvalidAlertException e) {
                reject(where + "alert at line " + node.line(), e.getMessage(), raw);
                return;
            }
            String ref = where + "alert " + CapAlertReader.clip(alert.identifier()) + " (line " + alert.line() + ")";
            if (!alert.status().equals("Actual")) {
                skipped.add(ref + ": status " + alert.status() + " is not a real situation");
                return;
            }
            if (!alert.msgType().equals("Alert") && !alert.msgType().equals("Update")) {
                skipped.add(ref + ": msgType " + alert.msgType() + " announces nothing new");
                return;
            }
            if (alert.infos().isEmpty()) {
                reject(ref, "the alert has no <info>: nothing says what happened or where", raw);
                return;
            }
            var seen = new ArrayList<CapAlert.Info>();
            for (CapAlert.Info info : alert.infos()) {
                String infoRef = ref + ", info " + info.index() + " (line " + info.line() + ")";
                if (!info.problems().isEmpty()) {
                    reject(infoRef, String.join("; ", info.problems()), raw);
                    continue;
                }
                if (info.responseTypes().equals(List.of("AllClear"))) {
                    skipped.add(infoRef + ": responseType AllClear ends a threat");
                    continue;
                }
                CapAlert.Info original = seen.stream().filter(s -> isTranslation(s, info)).findFirst().orElse(null);
                if (original != null) {
                    skipped.add(infoRef + ": the same as info " + original.index() + " in another language");
                    continue;
                }
                seen.add(info);
                if (info.areas().isEmpty()) {
                    reject(infoRef, "the info has no <area>: nothing says where", raw);
                    continue;
                }
                for (CapAlert.Area area : info.areas()) {
                    switch (locator.locate(area)) {
                        case AreaLocator.Unlocated u -> reject(infoRef, u.reason(), raw);
                        case AreaLocator.Located l -> event(alert, info, area, l, infoRef, raw);
                    }
                }
            }
        }

        private void event(CapAlert alert, CapAlert.Info info, CapAlert.Area area, AreaLocator.Located where,
                           String infoRef, String raw) {
            Instant received = context.receivedAt();
            Instant occurred = firstNotInFuture(received, info.onset(), info.effective(), alert.sent());
            String key = alert.sender() + "|" + alert.identifier() + "|" + alert.sent() + "|" + info.index() + "|" + area.index();
            try {
                var attributes = Attributes.builder()
                        .put("cap_identifier", CapAlertReader.clip(alert.identifier(), TEXT_CHARS))
                        .put("cap_sender", CapAlertReader.clip(alert.sender(), TEXT_CHARS))
                        .put("cap_version", alert.version())
                        .put("cap_msg_type", alert.msgType())
                        .put("cap_sent", alert.sent().toString())
                        .put("cap_event", CapAlertReader.clip(oneLine(info.event()), TEXT_CHARS))
                        .put("cap_category", CapAlertReader.clip(
                                String.join(",", info.categories().stream().distinct().toList()), TEXT_CHARS))
                        .put("cap_urgency", info.urgency())
                        .put("cap_certainty", info.certainty())
                        .put("cap_area_desc", CapAlertReader.clip(oneLine(area.description()), TEXT_CHARS))
                        .put("location_method", where.method());
                if (!info.headline().isEmpty()) {
                    attributes.put("cap_headline", CapAlertReader.clip(oneLine(info.headline()), HEADLINE_CHARS));
                }
                if (!info.language().isEmpty()) {
                    attributes.put("cap_language", CapAlertReader.clip(info.language(), 35));
                }
                if (info.onset() != null) {
                    attributes.put("cap_onset", info.onset().toString());
                }
                if (info.expires() != null) {
                    attributes.put("cap_expires", info.expires().toString());
                }
                Event e = Event.builder()
                        .id(FeedIds.eventId(NAME, context.sourceId(), key, occurred))
                        .occurredAt(occurred)
                        .receivedAt(received)
                        .source(SourceKind.CAP_FEED, context.sourceId())
                        .type(CapTaxonomy.typeOf(info))
                        .location(Location.of(where.lat(), where.lon(), where.accuracyMeters()))
                        .confidence(CapTaxonomy.confidenceOf(info))
                        .severity(CapTaxonomy.severityOf(info))
                        .attributes(attributes.build())
                        .build();
                if (ids.add(e.id())) {
                    events.add(e);
                }
            } catch (IllegalArgumentException e) { // InvalidEventException, or a source id too long for an event
                reject(infoRef + ", area " + area.index() + " (line " + area.line() + ")", e.getMessage(), raw);
            }
        }
    }

    /** The first time that is not after the moment of receipt (plus the clock skew events allow). */
    private static Instant firstNotInFuture(Instant received, Instant... candidates) {
        Instant limit = received.plus(EventRules.MAX_CLOCK_SKEW);
        Instant last = null;
        for (Instant t : candidates) {
            if (t != null) {
                last = t;
                if (!t.isAfter(limit)) {
                    return t;
                }
            }
        }
        return last; // sent is required, so this is sent; the event's own check then names it as in the future
    }

    /** Same situation, same place, same time, another language: what a bilingual sender writes twice. */
    private static boolean isTranslation(CapAlert.Info a, CapAlert.Info b) {
        return !a.language().equalsIgnoreCase(b.language())
                && a.categories().equals(b.categories())
                && a.urgency().equals(b.urgency()) && a.severity().equals(b.severity())
                && a.certainty().equals(b.certainty())
                && codes(a.eventCodes()).equals(codes(b.eventCodes()))
                && Objects.equals(a.onset(), b.onset()) && Objects.equals(a.effective(), b.effective())
                && Objects.equals(a.expires(), b.expires())
                && shapes(a).equals(shapes(b));
    }

    private static Set<String> codes(List<CapAlert.Code> codes) {
        return codes.stream().map(CapAlert.Code::toString).collect(Collectors.toSet());
    }

    private static List<String> shapes(CapAlert.Info info) {
        return info.areas().stream().map(a -> a.polygons().stream().map(CapAlert.Shape::text).toList() + "|"
                + a.circles().stream().map(CapAlert.Shape::text).toList() + "|" + codes(a.geocodes())).toList();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
