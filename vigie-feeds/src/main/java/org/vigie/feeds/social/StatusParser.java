package org.vigie.feeds.social;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.geo.Cells;
import org.vigie.core.json.Json;

/**
 * Turns one Mastodon API {@code Status} (JSON) into a {@link PostSignal} and, beside it, the author's token for this
 * window, and forgets the rest on the spot.
 *
 * <h2>What is dropped here, and why</h2>
 * Vigie detects situations, never who. Inside {@link #parse} and nowhere else the status is read as a JSON tree
 * that goes out of scope when it returns; from it only the time, a coarse cell, topic words and a salted,
 * per-window author token come out. Dropped: the account (id, username, acct, display name, avatar, url, note,
 * fields), the status id, uri and url, mentions, links and link cards, media attachments, the application, reply
 * and quote ids, emojis, polls, the exact position of a geotag (only its resolution-{@code ≤ 8} cell is kept), and
 * every word of the text that is a mention, an address or a link, or that also appears in the author's or a
 * mentioned account's names. Reasons for a rejection never quote the status, and {@link SocialFormat} does not put
 * the raw status in the quarantine.
 *
 * <h2>The author token: beside the signal, not in it</h2>
 * The distinct-authors floor needs to know whether two posts of a window have the same author, and nothing more.
 * The parser hashes the account with the window's salt ({@link AuthorSalts}) and hands back {@link Post}, a pair
 * of the signal and the token; {@link BurstDetector#observe(PostSignal, AuthorToken)} takes both. Keeping the token
 * out of {@link PostSignal} means the type that is stored, printed or sent elsewhere has no slot that could carry
 * even a pseudonym, which a test of its fields can prove; the token's only consumer is the detector, which keeps
 * at most k of them per cell × topic for the open window and drops them when the window closes.
 *
 * <p>Thread-safe: no state besides the (synchronised) salts.
 */
public final class StatusParser {
    /** Longer content is cut before reading: Mastodon allows 500 characters, some servers a few thousand. */
    static final int MAX_CONTENT_CHARS = 20_000;

    /** What one status gave. */
    public sealed interface Reading permits Post, Skipped, Rejected {
    }

    /** A usable post: the signal and, beside it, its author's token for the window. */
    public record Post(PostSignal signal, AuthorToken author) implements Reading {
    }

    /** A valid status that gives no signal, and why (counted, not quarantined: nothing was wrong with it). */
    public record Skipped(Reason reason) implements Reading {
    }

    /** Not a status Vigie can read; {@code reason} names the field, never its content. */
    public record Rejected(String reason) implements Reading {
    }

    public enum Reason {
        /** Visibility private, direct or limited: not public, so not Vigie's to read. */
        NOT_PUBLIC,
        /** A boost repeats someone else's post; the original counts where it was published. */
        REBLOG,
        /** No geotag and no place name of the gazetteer. */
        UNPLACED,
        /** Geotagged outside the city. */
        OUTSIDE_CITY,
        /** No word left that can be a topic. */
        NO_TOPIC
    }

    private static final List<String> NAME_FIELDS = List.of("username", "acct", "display_name");

    private final Gazetteer gazetteer;
    private final TopicWords words;
    private final AuthorSalts salts;
    private final int resolution;
    private final BoundingBox bounds;

    /**
     * @param resolution H3 resolution of the cells posts are placed on, at most {@link PostSignal#MAX_RESOLUTION}
     * @param bounds     geotags outside are skipped; null keeps every geotag
     */
    public StatusParser(Gazetteer gazetteer, TopicWords words, AuthorSalts salts, int resolution, BoundingBox bounds) {
        this.gazetteer = Objects.requireNonNull(gazetteer, "gazetteer");
        this.words = Objects.requireNonNull(words, "words");
        this.salts = Objects.requireNonNull(salts, "salts");
        if (resolution < 0 || resolution > PostSignal.MAX_RESOLUTION) {
            throw new IllegalArgumentException("posts are placed on H3 cells of resolution 0.."
                    + PostSignal.MAX_RESOLUTION + ", got " + resolution);
        }
        this.resolution = resolution;
        this.bounds = bounds;
    }

    public int resolution() {
        return resolution;
    }

    /** Forgets the author salts of windows closed before {@code t}: call it once the detector has closed them. */
    public void forgetAuthorsBefore(Instant t) {
        salts.forgetBefore(t);
    }

    /** One status, as one line of JSON. Never throws on any input. */
    public Reading parse(String json) {
        JsonNode status;
        try {
            status = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            return new Rejected("not JSON" + (at == null ? "" : " (column " + at.getColumnNr() + ")"));
        }
        try {
            return read(status);
        } catch (RuntimeException e) {
            // Belt and braces: the reading is written not to throw, but one odd status must not stop a stream. The
            // exception's message may quote the status, so only its kind is reported.
            return new Rejected("unreadable status (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Reading read(JsonNode status) {
        if (status == null || !status.isObject()) {
            return new Rejected("a status is a JSON object");
        }
        Optional<Instant> at = time(status.get("created_at"));
        if (at.isEmpty()) {
            return new Rejected("created_at: expected an ISO 8601 date-time");
        }
        JsonNode reblog = status.get("reblog");
        if (reblog != null && reblog.isObject()) {
            return new Skipped(Reason.REBLOG);
        }
        String visibility = text(status.get("visibility"));
        if (visibility != null && !visibility.equals("public") && !visibility.equals("unlisted")) {
            return new Skipped(Reason.NOT_PUBLIC);
        }
        JsonNode account = status.get("account");
        String authorKey = authorKey(account);
        if (authorKey == null) {
            return new Rejected("account: a status needs its account (hashed for this window only, then forgotten) "
                    + "to count distinct authors");
        }
        // Names of the author and of the accounts it mentions, folded: a word found in them is no topic (found as a
        // substring, which covers every way a name splits into words — "ZorglubVitch", "zorglub_vitch" — and errs
        // on the side of dropping a word).
        List<String> names = new ArrayList<>(4);
        addNames(account, names);
        JsonNode mentions = status.get("mentions");
        if (mentions != null && mentions.isArray()) {
            for (JsonNode m : mentions) {
                addNames(m, names);
            }
        }
        var tokens = new ArrayList<String>();
        String content = text(status.get("content"));
        if (content != null) {
            PostText.words(content.length() > MAX_CONTENT_CHARS ? content.substring(0, MAX_CONTENT_CHARS) : content,
                    tokens);
        }
        String spoiler = text(status.get("spoiler_text"));
        if (spoiler != null && !spoiler.isEmpty()) {
            PostText.plainWords(spoiler.length() > MAX_CONTENT_CHARS ? spoiler.substring(0, MAX_CONTENT_CHARS) : spoiler,
                    tokens);
        }
        JsonNode tags = status.get("tags");
        if (tags != null && tags.isArray()) {
            for (JsonNode t : tags) {
                String name = t == null ? null : text(t.get("name"));
                if (name != null && name.length() <= TopicWords.MAX_LENGTH) {
                    tokens.addAll(TopicWords.splitHashtag(name));
                }
            }
        }
        // Place: a geotag first (kept only as its coarse cell), else a place named in the words.
        long cell;
        PostSignal.Placement placement;
        int placeFrom = -1;
        int placeTo = -1;
        double[] geo = geotag(status);
        if (geo != null) {
            if (bounds != null && !bounds.contains(geo[0], geo[1])) {
                return new Skipped(Reason.OUTSIDE_CITY);
            }
            cell = Cells.cell(geo[0], geo[1], resolution);
            placement = PostSignal.Placement.GEOTAG;
        } else {
            Optional<Gazetteer.Match> match = gazetteer.find(tokens);
            if (match.isEmpty()) {
                return new Skipped(Reason.UNPLACED);
            }
            cell = Cells.cell(match.get().place().lat(), match.get().place().lon(), resolution);
            placement = PostSignal.Placement.PLACE_NAME;
            placeFrom = match.get().from();
            placeTo = match.get().to();
        }
        var terms = new LinkedHashSet<String>();
        for (int i = 0; i < tokens.size() && terms.size() < PostSignal.MAX_TERMS; i++) {
            String w = tokens.get(i);
            if ((i < placeFrom || i >= placeTo) && words.isTopic(w) && !inNames(w, names)) {
                terms.add(w);
            }
        }
        if (terms.isEmpty()) {
            return new Skipped(Reason.NO_TOPIC);
        }
        return new Post(new PostSignal(at.get(), cell, placement, List.copyOf(terms)), salts.token(authorKey, at.get()));
    }

    /** The account as its server names it, for hashing only: its url (unique across servers), else acct, else id. */
    private static String authorKey(JsonNode account) {
        if (account == null || !account.isObject()) {
            return null;
        }
        for (String field : List.of("url", "acct", "id", "username")) {
            String v = text(account.get(field));
            if (v != null && !v.isBlank()) {
                return field + ":" + v;
            }
        }
        return null;
    }

    private static void addNames(JsonNode account, List<String> into) {
        if (account == null || !account.isObject()) {
            return;
        }
        for (String field : NAME_FIELDS) {
            String v = text(account.get(field));
            if (v != null && !v.isEmpty()) {
                into.add(TopicWords.fold(v.length() <= 1000 ? v : v.substring(0, 1000)));
            }
        }
    }

    private static boolean inNames(String word, List<String> names) {
        for (String n : names) {
            if (n.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Instant> time(JsonNode node) {
        String t = text(node);
        if (t == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {lat, lon} of a geotag, which the Mastodon API does not define but compatible servers and exports add: a
     * GeoJSON point under {@code geo} or {@code location}, or {@code location: {lat|latitude, lon|lng|longitude}}.
     */
    private static double[] geotag(JsonNode status) {
        for (String field : List.of("geo", "location", "coordinates")) {
            JsonNode g = status.get(field);
            if (g == null || !g.isObject()) {
                continue;
            }
            JsonNode coords = g.get("coordinates");
            if (coords != null && coords.isArray() && coords.size() >= 2 && coords.get(0).isNumber()
                    && coords.get(1).isNumber()) {
                double[] p = {coords.get(1).asDouble(), coords.get(0).asDouble()};
                return valid(p) ? p : null;
            }
            JsonNode lat = first(g, "lat", "latitude");
            JsonNode lon = first(g, "lon", "lng", "longitude");
            if (lat != null && lon != null && lat.isNumber() && lon.isNumber()) {
                double[] p = {lat.asDouble(), lon.asDouble()};
                return valid(p) ? p : null;
            }
        }
        return null;
    }

    private static boolean valid(double[] p) {
        return Math.abs(p[0]) <= 90 && Math.abs(p[1]) <= 180 && !(p[0] == 0 && p[1] == 0);
    }

    private static JsonNode first(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
