package org.vigie.feeds.social;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vigie.core.geo.Marseille;

/**
 * Place names of a city, to place a post that has no geotag from the words it uses ("apéro au Vieux-Port"). Names
 * are matched as whole word sequences after folding, longest first, so "plage des Catalans" wins over "Catalans".
 * Immutable and thread-safe.
 */
public final class Gazetteer {
    /** A named place and its approximate centre. */
    public record Place(String name, double lat, double lon, String kind) {
    }

    /** A place found in a post, and where its words are in the post's word list. */
    public record Match(Place place, int from, int to) {
    }

    private static final Gazetteer MARSEILLE = marseilleFromResource();

    private final Map<String, Place> byPhrase;
    /** For each word that starts a name, the most words a name starting with it has: most words start none. */
    private final Map<String, Integer> longestFrom;

    public Gazetteer(Map<String, Place> byPhrase) {
        this.byPhrase = Map.copyOf(byPhrase);
        var longest = new HashMap<String, Integer>();
        for (String phrase : byPhrase.keySet()) {
            String[] w = phrase.split(" ");
            longest.merge(w[0], w.length, Math::max);
        }
        this.longestFrom = Map.copyOf(longest);
    }

    /** The shipped Marseille gazetteer: arrondissements, quartiers, squares, stations, beaches. */
    public static Gazetteer marseille() {
        return MARSEILLE;
    }

    public int size() {
        return byPhrase.size();
    }

    /**
     * Reads a gazetteer: one place a line, {@code names<TAB>lat<TAB>lon<TAB>kind}, name variants separated by '|',
     * '#' starts a comment line.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static Gazetteer read(InputStream in, String what) {
        var phrases = new HashMap<String, Place>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4) {
                    throw new IllegalArgumentException(what + ":" + n + ": expected names, lat, lon and kind separated by tabs");
                }
                double lat;
                double lon;
                try {
                    lat = Double.parseDouble(f[1].trim());
                    lon = Double.parseDouble(f[2].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(what + ":" + n + ": lat and lon must be numbers, got '" + f[1]
                            + "', '" + f[2] + "'");
                }
                if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
                    throw new IllegalArgumentException(what + ":" + n + ": lat/lon out of range: " + lat + ", " + lon);
                }
                String[] names = f[0].split("\\|");
                var place = new Place(names[0].trim(), lat, lon, f[3].trim());
                for (String name : names) {
                    add(phrases, name, place, what + ":" + n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what, e);
        }
        return new Gazetteer(phrases);
    }

    private static void add(Map<String, Place> phrases, String name, Place place, String where) {
        var words = new ArrayList<String>();
        TopicWords.split(name, words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException(where + ": a place name has no letters: '" + name + "'");
        }
        Place before = phrases.putIfAbsent(String.join(" ", words), place);
        if (before != null && !before.equals(place)) {
            throw new IllegalArgumentException(where + ": '" + name + "' already names " + before.name());
        }
    }

    private static Gazetteer marseilleFromResource() {
        InputStream in = Objects.requireNonNull(Gazetteer.class.getResourceAsStream("marseille-places.tsv"),
                "the shipped gazetteer is missing from the build");
        var places = new HashMap<>(read(in, "marseille-places.tsv").byPhrase);
        // Arrondissements: "2e arrondissement", "2ème arrondissement", "Marseille 2e", postal code "13002".
        for (Marseille.Arrondissement a : Marseille.ARRONDISSEMENTS) {
            int n = Integer.parseInt(a.code().substring(3));
            var place = new Place(a.name(), a.lat(), a.lon(), "arrondissement");
            List<String> ordinals = n == 1 ? List.of("1er", "1ere") : List.of(n + "e", n + "eme");
            for (String o : ordinals) {
                places.put(o + " arrondissement", place);
                places.put("marseille " + o, place);
            }
            places.put(String.format("130%02d", n), place);
        }
        return new Gazetteer(places);
    }

    /** The most specific place named in {@code words} (folded), the longest name first, then the earliest. */
    public Optional<Match> find(List<String> words) {
        Match best = null;
        var phrase = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            Integer longest = longestFrom.get(words.get(i));
            if (longest == null || best != null && longest <= best.to() - best.from()) {
                continue;
            }
            phrase.setLength(0);
            for (int len = 1; len <= longest && i + len <= words.size(); len++) {
                if (len > 1) {
                    phrase.append(' ');
                }
                phrase.append(words.get(i + len - 1));
                Place p = len > (best == null ? 0 : best.to() - best.from()) ? byPhrase.get(phrase.toString()) : null;
                if (p != null) {
                    best = new Match(p, i, i + len);
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
