package org.vigie.feeds.cap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One element of a document read by {@link XmlTree}: its qualified name, where it starts and ends, its own
 * character data and its child elements. Attributes are kept only for the few feed attributes the formats need
 * ({@code type}, {@code href}, {@code rel}); nothing else of a document is kept.
 */
final class XmlNode {
    private final String namespace;
    private final String name;
    private final int line;
    private final int firstLine;
    private int endLine;
    private final List<String[]> attributes;
    private final List<XmlNode> children = new ArrayList<>(4);
    private final StringBuilder text = new StringBuilder(0);

    XmlNode(String namespace, String name, int firstLine, int line, List<String[]> attributes) {
        this.namespace = namespace == null ? "" : namespace;
        this.name = name;
        this.firstLine = firstLine;
        this.line = line;
        this.endLine = line;
        this.attributes = attributes;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    /** The line the start tag ends on (what a person looks for in an editor). */
    int line() {
        return line;
    }

    /** The line the element's text may start on: the end of whatever came before it. */
    int firstLine() {
        return firstLine;
    }

    int endLine() {
        return endLine;
    }

    void end(int atLine) {
        endLine = atLine;
    }

    boolean is(String ns, String localName) {
        return namespace.equals(ns) && name.equals(localName);
    }

    List<XmlNode> children() {
        return Collections.unmodifiableList(children);
    }

    void add(XmlNode child) {
        children.add(child);
    }

    void appendText(String s) {
        text.append(s);
    }

    int textLength() {
        return text.length();
    }

    /** Character data directly inside this element, trimmed. */
    String text() {
        return text.toString().strip();
    }

    Optional<String> attribute(String localName) {
        for (String[] a : attributes) {
            if (a[0].isEmpty() && a[1].equals(localName)) {
                return Optional.of(a[2]);
            }
        }
        return Optional.empty();
    }

    List<XmlNode> children(String ns, String localName) {
        var out = new ArrayList<XmlNode>(2);
        for (XmlNode c : children) {
            if (c.is(ns, localName)) {
                out.add(c);
            }
        }
        return out;
    }

    Optional<XmlNode> child(String ns, String localName) {
        for (XmlNode c : children) {
            if (c.is(ns, localName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** {@code <cap:alert>} at line 12 */
    String describe() {
        return "<" + name + "> at line " + line;
    }
}
