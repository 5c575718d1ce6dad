package org.vigie.feeds.social;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words of a post as topics: case and accents folded ("Apéro" and "apero" are one topic), French and English
 * stop-words removed, hashtags split into their words ({@code #ApéroGéant}, {@code #apero_geant} → apero, geant).
 * Immutable and thread-safe.
 */
public final class TopicWords {
    /** Shorter words are almost never a topic ("le", "ok") and would make the cell × topic state grow for nothing. */
    public static final int MIN_LENGTH = 3;
    /** A word longer than this is noise (a pasted hash, a run of letters); it is no topic. */
    public static final int MAX_LENGTH = 40;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final TopicWords SHIPPED = read(TopicWords.class.getResourceAsStream("stopwords.txt"));

    private final Set<String> stopWords;

    public TopicWords(Set<String> stopWords) {
        this.stopWords = Set.copyOf(stopWords);
    }

    /** French and English stop-words shipped with Vigie. */
    public static TopicWords shipped() {
        return SHIPPED;
    }

    static TopicWords read(InputStream in) {
        Objects.requireNonNull(in, "the shipped stop-word list is missing from the build");
        var words = new HashSet<String>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) {
                    for (String w : line.trim().split("\\s+")) {
                        if (!w.isEmpty()) {
                            words.add(fold(w));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stop-word list", e);
        }
        return new TopicWords(words);
    }

    public boolean isStopWord(String folded) {
        return stopWords.contains(folded);
    }

    /** Lower case without accents or ligatures: "Cœur de l’Été" → "coeur de l'ete". */
    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 128;
        }
        if (ascii) {
            return lower;
        }
        String s = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return s.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss").replace('’', '\'');
    }

    /** Folded words of plain text, split on anything that is not a letter or a digit (so "l'apéro" gives l, apero). */
    public static void split(String text, List<String> into) {
        String folded = fold(text);
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean word = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                into.add(folded.substring(start, i));
                start = -1;
            }
        }
    }

    /**
     * The words of a hashtag, without its '#': split at underscores, dashes, digits and lower-to-upper case changes
     * ("ApéroGéant2025" → apero, geant, 2025; "JO_Marseille" → jo, marseille). An all-lower-case tag stays one word:
     * splitting it would need a dictionary.
     */
    public static List<String> splitHashtag(String tag) {
        var parts = new ArrayList<String>();
        var current = new StringBuilder();
        int previous = 0; // 0 none, 1 lower, 2 upper, 3 digit
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            int kind = Character.isDigit(c) ? 3 : Character.isUpperCase(c) ? 2 : Character.isLetter(c) ? 1 : 0;
            boolean boundary = kind == 0
                    || kind == 2 && previous == 1
                    || kind == 3 && previous != 3
                    || kind != 3 && previous == 3
                    // "HTMLParser": the last capital of a run starts the next word
                    || kind == 1 && previous == 2 && current.length() > 1 && allUpper(current);
            if (boundary && current.length() > 0) {
                if (kind == 1 && previous == 2) {
                    char last = current.charAt(current.length() - 1);
                    current.setLength(current.length() - 1);
                    parts.add(current.toString());
                    current.setLength(0);
                    current.append(last);
                } else {
                    parts.add(current.toString());
                    current.setLength(0);
                }
            }
            if (kind != 0) {
                current.append(c);
            }
            previous = kind;
        }
        if (current.length() > 0) {
            parts.add(current.toString());
        }
        var words = new ArrayList<String>(parts.size());
        for (String p : parts) {
            split(p, words);
        }
        return words;
    }

    private static boolean allUpper(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isUpperCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A folded word that can be a topic: long enough, not a stop-word, not only digits. */
    public boolean isTopic(String folded) {
        if (folded.length() < MIN_LENGTH || folded.length() > MAX_LENGTH || stopWords.contains(folded)) {
            return false;
        }
        for (int i = 0; i < folded.length(); i++) {
            if (!Character.isDigit(folded.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
