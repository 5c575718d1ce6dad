package org.vigie.feeds.open311;

import java.util.regex.Pattern;

/**
 * Text a citizen typed, made fit to keep and to publish: people often write their e-mail address or phone
 * number into a description although nobody asked for it. Both are masked before the text is stored, so
 * that a public list of requests never carries them. Long digit runs are masked too, at the cost of the odd
 * reference number; characters XML cannot carry are removed.
 */
public final class FreeText {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(?:\\.[\\p{L}0-9-]+)+");
    /** Nine digits or more, with the separators people put in phone numbers (+33 6 12 34 56 78, 06.12.34.56.78). */
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d(?:[\\s.\\-()/]{0,2}\\d){8,}");
    private static final Pattern NOT_XML = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]|\\p{Cs}");

    private FreeText() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String t = clean(text);
        t = EMAIL.matcher(t).replaceAll("[e-mail removed]");
        return PHONE.matcher(t).replaceAll("[number removed]");
    }

    /**
     * Removes characters XML 1.0 cannot carry: controls other than tab and line breaks, U+FFFE, U+FFFF, and
     * halves of a surrogate pair.
     */
    public static String clean(String text) {
        return text == null ? null : NOT_XML.matcher(text).replaceAll("");
    }
}
