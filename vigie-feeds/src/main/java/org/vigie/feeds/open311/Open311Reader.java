package org.vigie.feeds.open311;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.vigie.core.json.Json;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.SafeXml;

/**
 * Reads a GeoReport {@code GET requests} answer, JSON or XML, into one flat record per request: field name to
 * text, null where the field is null or empty (an empty XML element is GeoReport's null). Turning the text into
 * an event is {@link Open311Format}'s job; this class only knows the two encodings.
 *
 * <p>Numbers with leading zeros ({@code "service_code":006}), which the specification's own examples contain
 * and servers copied, are not JSON; they are read as the text they were written as, so {@code 006} stays
 * {@code "006"} rather than becoming 6.
 */
final class Open311Reader {
    static final Set<String> FIELDS = Set.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
            "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
            "token");

    /**
     * @param ref     where the record was, for a person to find it
     * @param problem why the record cannot be read, or null
     */
    record Raw(String ref, Map<String, String> fields, String raw, String problem) {
    }

    private Open311Reader() {
    }

    static List<Raw> read(byte[] document) throws FeedParseException {
        int start = firstSignificant(document);
        if (start < 0) {
            throw new FeedParseException("empty document: expected a GeoReport requests answer in JSON or XML");
        }
        return switch (document[start]) {
            case '[', '{' -> readJson(document);
            case '<' -> readXml(document);
            default -> throw new FeedParseException("not a GeoReport requests answer: a JSON document starts with "
                    + "'[' and an XML one with '<', this one with '" + printable(document[start]) + "'");
        };
    }

    private static int firstSignificant(byte[] d) {
        int i = d.length >= 3 && (d[0] & 0xFF) == 0xEF && (d[1] & 0xFF) == 0xBB && (d[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < d.length && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r')) {
            i++;
        }
        return i < d.length ? i : -1;
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("0x%02X", b & 0xFF);
    }

    // JSON

    private static List<Raw> readJson(byte[] document) throws FeedParseException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            throw new FeedParseException("the JSON document is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(quoteLeadingZeroNumbers(text));
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new FeedParseException("malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (NumberFormatException e) { // a number no BigDecimal holds (1e9999999999) is not a Jackson error
            throw new FeedParseException("malformed JSON: " + e.getMessage());
        }
        JsonNode items = root;
        if (root.isObject()) {
            // A few servers wrap the list; the specification's answer is the bare array.
            items = root.has("service_requests") ? root.get("service_requests") : root.get("requests");
            if (items == null || !items.isArray()) {
                throw new FeedParseException("expected a JSON array of service requests, got an object with "
                        + fieldNames(root));
            }
        }
        if (!items.isArray()) {
            throw new FeedParseException("expected a JSON array of service requests");
        }
        refuseErrorAnswer(items);
        var out = new ArrayList<Raw>(items.size());
        int index = 0;
        for (JsonNode item : items) {
            index++;
            String ref = "request #" + index;
            String raw = item.toString();
            if (!item.isObject()) {
                out.add(new Raw(ref, Map.of(), raw, "expected a JSON object, got "
                        + item.getNodeType().name().toLowerCase(Locale.ROOT)));
                continue;
            }
            var fields = new LinkedHashMap<String, String>();
            String problem = null;
            for (var e : item.properties()) {
                JsonNode v = e.getValue();
                if (v.isValueNode()) {
                    String t = v.isNull() ? null : v.asText().trim();
                    fields.put(e.getKey(), t == null || t.isEmpty() ? null : t);
                } else if (FIELDS.contains(e.getKey()) && problem == null) {
                    problem = "field " + e.getKey() + " must be a single value, got a JSON "
                            + (v.isArray() ? "array" : "object");
                }
                // Other structured fields are extensions of some server; they carry nothing Vigie reads.
            }
            out.add(new Raw(ref, Collections.unmodifiableMap(fields), raw, problem));
        }
        return out;
    }

    /** An array whose items all have {@code code} and {@code description} is GeoReport's error answer. */
    private static void refuseErrorAnswer(JsonNode items) throws FeedParseException {
        if (items.isEmpty()) {
            return;
        }
        var errors = new ArrayList<String>();
        for (JsonNode item : items) {
            if (!item.isObject() || !item.has("code") || !item.has("description") || item.has("service_request_id")) {
                return;
            }
            errors.add(item.path("code").asText() + " " + item.path("description").asText());
        }
        throw errorAnswer(errors);
    }

    private static FeedParseException errorAnswer(List<String> errors) {
        String all = String.join("; ", errors);
        return new FeedParseException("the server answered with an error instead of requests: "
                + (all.length() > 500 ? all.substring(0, 500) + "…" : all));
    }

    private static String fieldNames(JsonNode object) {
        var names = new ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names.size() > 10 ? names.subList(0, 10) + "…" : names.toString();
    }

    /**
     * Puts quotes around the numbers that start with a zero followed by a digit, outside strings. Valid JSON
     * never has such numbers, so a valid document comes back unchanged.
     */
    static String quoteLeadingZeroNumbers(String json) {
        StringBuilder out = null;
        int copied = 0;
        int n = json.length();
        boolean inString = false;
        int i = 0;
        while (i < n) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                inString = c != '"';
                i++;
                continue;
            }
            if (c == '"') {
                inString = true;
                i++;
                continue;
            }
            if (c == '-' || c >= '0' && c <= '9') {
                int end = i;
                while (end < n && isNumberChar(json.charAt(end))) {
                    end++;
                }
                int digits = json.charAt(i) == '-' ? i + 1 : i;
                if (digits + 1 < end && json.charAt(digits) == '0' && Character.isDigit(json.charAt(digits + 1))) {
                    if (out == null) {
                        out = new StringBuilder(n + 16);
                    }
                    out.append(json, copied, i).append('"').append(json, i, end).append('"');
                    copied = end;
                }
                i = Math.max(end, i + 1);
                continue;
            }
            i++;
        }
        return out == null ? json : out.append(json, copied, n).toString();
    }

    private static boolean isNumberChar(char c) {
        return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    // XML

    private static List<Raw> readXml(byte[] document) throws FeedParseException {
        XMLStreamReader r = null;
        try {
            r = SafeXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(document));
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // prolog: declaration, comments, processing instructions
            }
            if (!r.isStartElement()) {
                throw new FeedParseException("the XML document has no root element");
            }
            String root = r.getLocalName();
            if (root.equals("errors")) {
                throw errorAnswer(readErrors(r));
            }
            if (!root.equals("service_requests")) {
                throw new FeedParseException("expected <service_requests> as the root element, got <" + root + ">");
            }
            var out = new ArrayList<Raw>();
            int index = 0;
            while (r.next() != XMLStreamConstants.END_ELEMENT) {
                if (r.isStartElement()) {
                    index++;
                    String name = r.getLocalName();
                    if (name.equals("request")) {
                        out.add(readRequest(r, "request #" + index));
                    } else {
                        Field skipped = readField(r);
                        out.add(new Raw("element #" + index, Map.of(), "<" + name + ">" + skipped.text() + "</" + name + ">",
                                "unexpected element <" + name + "> in <service_requests>; expected <request>"));
                    }
                }
            }
            while (r.hasNext()) {
                r.next(); // the parser checks that nothing but comments and white space follows the root
            }
            return out;
        } catch (XMLStreamException e) {
            var loc = e.getLocation();
            // The JDK prefixes its own position, which the message below gives in words.
            String msg = e.getMessage() == null ? ""
                    : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
            throw new FeedParseException("malformed XML" + (loc == null ? "" : " at line " + loc.getLineNumber()
                    + ", column " + loc.getColumnNumber()) + ": " + msg, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held open: the document is in memory
                }
            }
        }
    }

    private record Field(String text, boolean nested) {
    }

    private static Raw readRequest(XMLStreamReader r, String ref) throws XMLStreamException {
        var fields = new LinkedHashMap<String, String>();
        String problem = null;
        while (r.next() != XMLStreamConstants.END_ELEMENT) {
            if (!r.isStartElement()) {
                continue;
            }
            String name = r.getLocalName();
            Field f = readField(r);
            if (f.nested() && FIELDS.contains(name) && problem == null) {
                problem = "field " + name + " must be a single value, got nested elements";
            }
            String t = f.text().trim();
            fields.putIfAbsent(name, t.isEmpty() ? null : t);
        }
        String raw = fields.entrySet().stream()
                .map(e -> "<" + e.getKey() + ">" + (e.getValue() == null ? "" : escape(e.getValue())) + "</" + e.getKey() + ">")
                .collect(Collectors.joining("", "<request>", "</request>"));
        return new Raw(ref, Collections.unmodifiableMap(fields), raw, problem);
    }

    /** The text of the element the reader is on, up to its end; nested elements' text is kept but flagged. */
    private static Field readField(XMLStreamReader r) throws XMLStreamException {
        var text = new StringBuilder();
        boolean nested = false;
        int depth = 1;
        while (depth > 0) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    nested = true;
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text.length() < 1 << 20) {
                        text.append(r.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused", r.getLocation());
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
        return new Field(text.toString(), nested);
    }

    private static List<String> readErrors(XMLStreamReader r) throws XMLStreamException {
        var errors = new ArrayList<String>();
        while (r.next() != XMLStreamConstants.END_ELEMENT) {
            if (r.isStartElement()) {
                Raw e = readRequest(r, "error");
                errors.add(e.fields().getOrDefault("code", "?") + " " + e.fields().getOrDefault("description", ""));
            }
        }
        return errors;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
