package org.vigie.feeds.cap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks one {@code <alert>} element against CAP 1.1 / 1.2 and keeps what Vigie uses. A fault in the message
 * header (identifier, sender, sent, status, msgType, scope, references) makes the whole alert unusable; a fault
 * inside one {@code <info>} spoils only that info. Every fault names the element and its line, and all of them are
 * reported at once.
 *
 * <p>Unknown elements are ignored rather than refused: national profiles (CAP-AU, CAP-CP …) and producers add
 * their own, and none of them changes what the standard elements mean.
 */
final class CapAlertReader {
    static final String CAP11 = "urn:oasis:names:tc:emergency:cap:1.1";
    static final String CAP12 = "urn:oasis:names:tc:emergency:cap:1.2";
    static final String CAP10 = "http://www.incident.com/cap/1.0";

    static final List<String> STATUS = List.of("Actual", "Exercise", "System", "Test", "Draft");
    static final List<String> MSG_TYPE = List.of("Alert", "Update", "Cancel", "Ack", "Error");
    static final List<String> SCOPE = List.of("Public", "Restricted", "Private");
    static final List<String> CATEGORY = List.of("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health",
            "Env", "Transport", "Infra", "CBRNE", "Other");
    static final List<String> URGENCY = List.of("Immediate", "Expected", "Future", "Past", "Unknown");
    static final List<String> SEVERITY = List.of("Extreme", "Severe", "Moderate", "Minor", "Unknown");
    /** "Very Likely" is CAP 1.0's, still written by some 1.1 producers; it is read as Likely. */
    static final List<String> CERTAINTY = List.of("Observed", "Likely", "Possible", "Unlikely", "Unknown", "Very Likely");
    private static final Set<Character> RESTRICTED = Set.of(' ', ',', '<', '&');

    /** CAP times carry an offset; fractions of a second and "Z" are tolerated although CAP 1.2 forbids them. */
    private static final DateTimeFormatter CAP_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private CapAlertReader() {
    }

    static boolean isAlert(XmlNode node) {
        return node.name().equals("alert") && (node.namespace().equals(CAP11) || node.namespace().equals(CAP12));
    }

    /** Whether a person would take this element for a CAP alert that this reader does not accept. */
    static Optional<String> whyNotReadable(XmlNode node) {
        if (!node.name().equals("alert") || isAlert(node)) {
            return Optional.empty();
        }
        if (node.namespace().equals(CAP10)) {
            return Optional.of("<alert> at line " + node.line() + " is CAP 1.0 (namespace " + CAP10
                    + "); only CAP 1.1 and 1.2 are read");
        }
        return Optional.of("<alert> at line " + node.line() + " is in namespace '" + node.namespace()
                + "', not CAP's (" + CAP11 + " or " + CAP12 + ")");
    }

    /** @throws InvalidAlertException naming every fault in the message header */
    static CapAlert read(XmlNode alert) throws InvalidAlertException {
        String ns = alert.namespace();
        var problems = new ArrayList<String>();
        String identifier = restrictedText(alert, ns, "identifier", problems);
        String sender = restrictedText(alert, ns, "sender", problems);
        Instant sent = time(single(alert, ns, "sent", true, problems), problems);
        String status = oneOf(single(alert, ns, "status", true, problems), STATUS, problems);
        String msgType = oneOf(single(alert, ns, "msgType", true, problems), MSG_TYPE, problems);
        oneOf(single(alert, ns, "scope", true, problems), SCOPE, problems);
        single(alert, ns, "references", false, problems).ifPresent(r -> checkReferences(r, problems));
        if (!problems.isEmpty()) {
            throw new InvalidAlertException(String.join("; ", problems));
        }
        var infos = new ArrayList<CapAlert.Info>();
        for (XmlNode info : alert.children(ns, "info")) {
            infos.add(info(info, ns, infos.size() + 1));
        }
        return new CapAlert(ns.equals(CAP12) ? "1.2" : "1.1", identifier, sender, sent, status, msgType, infos,
                alert.line());
    }

    private static CapAlert.Info info(XmlNode info, String ns, int index) {
        var problems = new ArrayList<String>();
        String language = single(info, ns, "language", false, problems).map(XmlNode::text).orElse("");
        var categories = new ArrayList<String>();
        List<XmlNode> categoryNodes = info.children(ns, "category");
        if (categoryNodes.isEmpty()) {
            problems.add("missing <category> in <info> at line " + info.line());
        }
        for (XmlNode c : categoryNodes) {
            String category = oneOf(Optional.of(c), CATEGORY, problems);
            if (!category.isEmpty()) {
                categories.add(category);
            }
        }
        String event = single(info, ns, "event", true, problems).map(XmlNode::text).orElse("");
        var responseTypes = info.children(ns, "responseType").stream().map(XmlNode::text).toList();
        String urgency = oneOf(single(info, ns, "urgency", true, problems), URGENCY, problems);
        String severity = oneOf(single(info, ns, "severity", true, problems), SEVERITY, problems);
        String certainty = oneOf(single(info, ns, "certainty", true, problems), CERTAINTY, problems);
        var codes = codes(info, ns, "eventCode", problems);
        Instant effective = time(single(info, ns, "effective", false, problems), problems);
        Instant onset = time(single(info, ns, "onset", false, problems), problems);
        Instant expires = time(single(info, ns, "expires", false, problems), problems);
        String headline = single(info, ns, "headline", false, problems).map(XmlNode::text).orElse("");
        var areas = new ArrayList<CapAlert.Area>();
        for (XmlNode area : info.children(ns, "area")) {
            String desc = single(area, ns, "areaDesc", true, problems).map(XmlNode::text).orElse("");
            var polygons = area.children(ns, "polygon").stream().map(p -> new CapAlert.Shape(p.text(), p.line())).toList();
            var circles = area.children(ns, "circle").stream().map(p -> new CapAlert.Shape(p.text(), p.line())).toList();
            areas.add(new CapAlert.Area(areas.size() + 1, area.line(), desc, polygons, circles,
                    codes(area, ns, "geocode", problems)));
        }
        return new CapAlert.Info(index, info.line(), language, categories, event, responseTypes, urgency, severity,
                certainty, codes,
                effective, onset, expires, headline, areas, problems);
    }

    private static List<CapAlert.Code> codes(XmlNode parent, String ns, String name, List<String> problems) {
        var out = new ArrayList<CapAlert.Code>();
        for (XmlNode code : parent.children(ns, name)) {
            var n = single(code, ns, "valueName", true, problems);
            var v = single(code, ns, "value", true, problems);
            if (n.isPresent() && v.isPresent()) {
                out.add(new CapAlert.Code(n.get().text(), v.get().text(), code.line()));
            }
        }
        return out;
    }

    /** The one child of that name; a missing required one or a repeated one is a problem. */
    private static Optional<XmlNode> single(XmlNode parent, String ns, String name, boolean required,
                                            List<String> problems) {
        List<XmlNode> found = parent.children(ns, name);
        if (found.isEmpty()) {
            if (required) {
                problems.add("missing <" + name + "> in " + parent.describe());
            }
            return Optional.empty();
        }
        if (found.size() > 1) {
            problems.add("<" + name + "> appears " + found.size() + " times in " + parent.describe() + " (lines "
                    + found.stream().map(n -> Integer.toString(n.line())).collect(Collectors.joining(", "))
                    + "); CAP allows one");
        }
        return Optional.of(found.get(0));
    }

    private static String restrictedText(XmlNode parent, String ns, String name, List<String> problems) {
        var node = single(parent, ns, name, true, problems);
        if (node.isEmpty()) {
            return "";
        }
        String v = node.get().text();
        if (v.isEmpty()) {
            problems.add(node.get().describe() + " is empty");
        } else if (v.chars().anyMatch(c -> RESTRICTED.contains((char) c) || Character.isWhitespace(c))) {
            problems.add(node.get().describe() + " is '" + clip(v) + "'; CAP forbids spaces, commas, '<' and '&' in it");
        }
        return v;
    }

    private static String oneOf(Optional<XmlNode> node, List<String> allowed, List<String> problems) {
        if (node.isEmpty()) {
            return "";
        }
        String v = node.get().text();
        if (!allowed.contains(v)) {
            problems.add(node.get().describe() + " is '" + clip(v) + "'; expected one of " + String.join(", ", allowed));
            return "";
        }
        return v;
    }

    private static Instant time(Optional<XmlNode> node, List<String> problems) {
        if (node.isEmpty()) {
            return null;
        }
        String v = node.get().text();
        try {
            return parseTime(v);
        } catch (DateTimeParseException e) {
            problems.add(node.get().describe() + " is '" + clip(v)
                    + "'; expected a date-time with its UTC offset such as 2026-07-14T21:30:00+02:00");
            return null;
        }
    }

    static Instant parseTime(String text) {
        return OffsetDateTime.parse(text.strip(), CAP_TIME).toInstant();
    }

    private static void checkReferences(XmlNode references, List<String> problems) {
        String v = references.text();
        if (v.isEmpty()) {
            problems.add(references.describe() + " is empty; it must list earlier messages as sender,identifier,sent");
            return;
        }
        for (String triple : v.split("\\s+")) {
            if (triple.split(",", -1).length != 3) {
                problems.add(references.describe() + " holds '" + clip(triple)
                        + "', not a sender,identifier,sent triple");
                return;
            }
        }
    }

    /** Short enough to quote in a reason. */
    static String clip(String s) {
        return clip(s, 80);
    }

    /** At most {@code max} characters, marked with an ellipsis when cut, never halving a surrogate pair. */
    static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, cut) + "…";
    }

    /** The message header breaks CAP, so nothing in the alert can be trusted. */
    static final class InvalidAlertException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidAlertException(String reason) {
            super(reason);
        }
    }
}
