package org.vigie.feeds.social;

import java.util.List;
import java.util.Locale;

/**
 * The words of a status's text, without what could point at a person or a page: mentions ({@code @alice},
 * {@code @alice@example.social}) and links are removed whole, in the HTML (Mastodon wraps both in {@code <a>}) and
 * again in the plain text (addresses and URLs a server did not link). Hashtag links keep their tag, split into
 * words. Linear in the length of the text: a hand-written scanner, no backtracking regular expression.
 */
final class PostText {
    private PostText() {
    }

    /** Folded words of Mastodon HTML content, added to {@code into}. */
    static void words(String html, List<String> into) {
        plainWords(strip(html), into);
    }

    /**
     * The visible text of the HTML, with every {@code <a>} that is not a hashtag dropped whole (mentions and links),
     * a space for every tag but inline ones (so "a<br>b" stays two words) and character references decoded.
     */
    static String strip(String html) {
        var out = new StringBuilder(html.length());
        int anchorDepth = 0;
        boolean dropAnchor = false;
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i + 1);
                if (end < 0) {
                    break; // an unclosed tag: the rest is markup, not text
                }
                String tag = html.substring(i + 1, end).trim();
                if (tag.startsWith("a ") || tag.startsWith("A ") || tag.equals("a") || tag.equals("A")) {
                    if (anchorDepth == 0) {
                        dropAnchor = !tag.toLowerCase(Locale.ROOT).contains("hashtag");
                    }
                    anchorDepth++;
                } else if ((tag.startsWith("/a") || tag.startsWith("/A"))
                        && (tag.length() == 2 || !Character.isLetterOrDigit(tag.charAt(2)))) {
                    anchorDepth = Math.max(0, anchorDepth - 1);
                    if (anchorDepth == 0) {
                        dropAnchor = false;
                    }
                }
                if (!inline(tag)) {
                    out.append(' ');
                }
                i = end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i + 1);
                if (end > 0 && end - i <= 10) {
                    String decoded = entity(html.substring(i + 1, end));
                    if (!(anchorDepth > 0 && dropAnchor)) {
                        out.append(decoded == null ? " " : decoded);
                    }
                    i = end + 1;
                } else {
                    if (!(anchorDepth > 0 && dropAnchor)) {
                        out.append(' ');
                    }
                    i++;
                }
            } else {
                if (!(anchorDepth > 0 && dropAnchor)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    /** Tags that do not separate words: Mastodon puts {@code <span>}s inside hashtags ("#<span>Apéro</span>"). */
    private static boolean inline(String tag) {
        String name = tag.startsWith("/") ? tag.substring(1) : tag;
        int end = 0;
        while (end < name.length() && Character.isLetterOrDigit(name.charAt(end))) {
            end++;
        }
        return switch (name.substring(0, end).toLowerCase(Locale.ROOT)) {
            case "span", "b", "i", "em", "strong", "u", "s", "del", "ins", "code", "small", "sub", "sup", "mark" -> true;
            default -> false;
        };
    }

    private static String entity(String name) {
        switch (name) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return " ";
            default:
                break;
        }
        try {
            int code = name.startsWith("#x") || name.startsWith("#X") ? Integer.parseInt(name.substring(2), 16)
                    : name.startsWith("#") ? Integer.parseInt(name.substring(1)) : -1;
            return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Folded words of plain text. Whitespace-separated pieces that hold an '@' (mentions, e-mail addresses), a
     * "://" or "www." (links) or a slash are dropped whole; a piece starting with '#' is a hashtag, split into words.
     */
    static void plainWords(String text, List<String> into) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            String piece = text.substring(start, i);
            if (piece.indexOf('@') >= 0 || piece.indexOf('/') >= 0 || piece.contains("www.") || looksLikeDomain(piece)) {
                continue;
            }
            if (piece.charAt(0) == '#' || piece.charAt(0) == '＃') {
                into.addAll(TopicWords.splitHashtag(piece.substring(1)));
            } else {
                TopicWords.split(piece, into);
            }
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** "example.social", "bit.ly": a dot between letters with no space, the end a short run of letters. */
    private static boolean looksLikeDomain(String piece) {
        String p = piece;
        while (!p.isEmpty() && ".,;:!?)»\"'".indexOf(p.charAt(p.length() - 1)) >= 0) {
            p = p.substring(0, p.length() - 1);
        }
        int dot = p.lastIndexOf('.');
        if (dot <= 0 || dot >= p.length() - 2) {
            return false;
        }
        for (int j = dot + 1; j < p.length(); j++) {
            if (!Character.isLetter(p.charAt(j))) {
                return false;
            }
        }
        return Character.isLetterOrDigit(p.charAt(dot - 1));
    }
}
