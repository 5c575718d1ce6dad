package org.vigie.feeds.cap;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.SafeXml;

/**
 * A whole document from outside read into {@link XmlNode}s, with limits that hold whatever the bytes are: no DTD
 * (refused as soon as the parser reports one, before anything in it is used), no entity other than the five XML
 * predefines, at most {@value #MAX_DEPTH} levels of nesting, {@value #MAX_ELEMENTS} elements and
 * {@value #MAX_TEXT_CHARS} characters of text in one element. Every failure is a {@link FeedParseException} that
 * says where the parser stopped.
 *
 * <p>The document's text is kept so that a record can be
 * quarantined as the sender wrote it: the lines its element spans.
 */
final class XmlTree {
    static final int MAX_DEPTH = 48;
    static final int MAX_ELEMENTS = 250_000;
    static final int MAX_TEXT_CHARS = 4 * 1024 * 1024;
    /** Attributes the feed formats read; the others are not kept. */
    private static final List<String> KEPT_ATTRIBUTES = List.of("type", "href", "rel");

    private final XmlNode root;
    private final String text;
    private String[] lines;

    private XmlTree(XmlNode root, String text) {
        this.root = root;
        this.text = text;
    }

    XmlNode root() {
        return root;
    }

    /** The whole document as text. */
    String text() {
        return text;
    }

    /** The lines an element spans, from the end of what preceded it to its end tag. */
    String raw(XmlNode node) {
        if (lines == null) {
            lines = text.split("\r\n|\r|\n", -1);
        }
        int from = Math.max(1, node.firstLine());
        int to = Math.min(lines.length, Math.max(from, node.endLine()));
        if (from > lines.length) {
            return "";
        }
        return String.join("\n", java.util.Arrays.asList(lines).subList(from - 1, to)).strip();
    }

    /**
     * Bytes are decoded here rather than by the parser, with the encoding of the byte-order mark or of the XML
     * declaration (UTF-8 otherwise), so that a broken byte sequence is reported with its line instead of being
     * printed to the console by the JDK parser's fallback error handler.
     */
    static XmlTree read(byte[] document) throws FeedParseException {
        return read(decode(document));
    }

    /** An XML document already decoded, e.g. held as text inside another one (an escaped Atom {@code <content>}). */
    static XmlTree read(String document) throws FeedParseException {
        XMLInputFactory factory = SafeXml.inputFactory();
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new StringReader(document));
            return new XmlTree(build(reader), document);
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            throw new FeedParseException("unreadable XML" + at(reader) + ": " + e, e);
        } finally {
            close(reader);
        }
    }

    private static XmlNode build(XMLStreamReader r) throws XMLStreamException, FeedParseException {
        var open = new ArrayDeque<XmlNode>();
        XmlNode root = null;
        int elements = 0;
        int previousEnd = 1;
        while (r.hasNext()) {
            int event = r.next();
            int line = r.getLocation().getLineNumber();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new FeedParseException("the document declares a DTD (<!DOCTYPE …>"
                        + " ending at line " + line + "); DTDs are refused, because their entities can read local files"
                        + " or reach the network");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new FeedParseException("entity reference &"
                        + r.getLocalName() + "; at line " + line + "; only the five predefined XML entities are accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > MAX_ELEMENTS) {
                        throw new FeedParseException("more than " + MAX_ELEMENTS + " elements (at line " + line + ")");
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw new FeedParseException("elements nested deeper than " + MAX_DEPTH + " levels at line " + line);
                    }
                    if (root != null && open.isEmpty()) {
                        throw new FeedParseException("a second root element <" + r.getLocalName() + "> at line " + line);
                    }
                    XmlNode node = new XmlNode(r.getNamespaceURI(), r.getLocalName(), previousEnd, line, keptAttributes(r));
                    if (open.isEmpty()) {
                        root = node;
                    } else {
                        open.peek().add(node);
                    }
                    open.push(node);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop().end(line);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    XmlNode current = open.peek();
                    if (current != null) {
                        if (current.textLength() + r.getTextLength() > MAX_TEXT_CHARS) {
                            throw new FeedParseException("element " + current.describe() + " holds more than "
                                    + MAX_TEXT_CHARS + " characters of text");
                        }
                        current.appendText(r.getText());
                    }
                }
                default -> {
                    // comments and processing instructions (xml-stylesheet) carry nothing we read
                }
            }
            previousEnd = line;
        }
        if (root == null) {
            throw new FeedParseException("the document holds no element");
        }
        return root;
    }

    private static List<String[]> keptAttributes(XMLStreamReader r) {
        List<String[]> kept = null;
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String ns = r.getAttributeNamespace(i);
            String name = r.getAttributeLocalName(i);
            if ((ns == null || ns.isEmpty()) && KEPT_ATTRIBUTES.contains(name)) {
                if (kept == null) {
                    kept = new ArrayList<>(2);
                }
                kept.add(new String[] {"", name, r.getAttributeValue(i)});
            }
        }
        return kept == null ? List.of() : kept;
    }

    private static FeedParseException malformed(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int cut = message.indexOf("Message: ");
        if (cut >= 0) {
            message = message.substring(cut + "Message: ".length());
        }
        var loc = e.getLocation();
        String where = loc == null || loc.getLineNumber() < 0 ? ""
                : " at line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
        return new FeedParseException("malformed XML" + where + ": " + message.strip(), e);
    }

    private static String at(XMLStreamReader r) {
        try {
            return r == null ? "" : " at line " + r.getLocation().getLineNumber();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    static String decode(byte[] b) throws FeedParseException {
        int skip = 0;
        Charset charset = StandardCharsets.UTF_8;
        if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
            charset = Charset.forName("UTF-32BE");
            skip = 4;
        } else if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
            charset = Charset.forName("UTF-32LE");
            skip = 4;
        } else if (startsWith(b, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (startsWith(b, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(b, 0x00, 0x3C, 0x00, 0x3F)) {
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWith(b, 0x3C, 0x00, 0x3F, 0x00)) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            String head = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1);
            Matcher m = DECLARED_ENCODING.matcher(head);
            if (m.find()) {
                try {
                    charset = Charset.forName(m.group(1));
                } catch (IllegalArgumentException e) {
                    throw new FeedParseException("the XML declaration at line 1 names encoding '" + m.group(1)
                            + "', which this server cannot decode");
                }
            }
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, skip, b.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                (long) Math.ceil((b.length - skip) * (double) decoder.maxCharsPerByte()) + 16));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            long line = 1 + out.chars().filter(c -> c == '\n').count();
            throw new FeedParseException("the bytes at offset " + in.position() + " (line " + line + ") are not valid "
                    + charset.name() + (charset == StandardCharsets.UTF_8 ? " (the encoding when none is declared)" : ""));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException | RuntimeException e) {
                // nothing was opened that outlives the reader
            }
        }
    }
}
