package org.vigie.feeds.social;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.vigie.core.json.Json;

/** Mastodon-shaped statuses for tests: the fields a real server sends, authors and all. */
final class SyntheticStatuses {
    static final List<String> PLACES = List.of("Vieux-Port", "Noailles", "Cours Julien", "la Plaine", "Castellane",
            "Joliette", "plage des Catalans", "Endoume", "la Timone", "Belsunce", "Prado plage", "Saint-Charles",
            "l'Estaque", "Mazargues", "Baille");
    static final List<String> CHATTER = List.of("soleil", "mistral", "bouchons", "travaux", "marché", "pizza",
            "concert", "métro", "bus", "plage", "café", "boulangerie", "vélo", "chantier", "football", "OM", "pastis",
            "poissons", "calanques", "musée", "cinéma", "libraire", "terrasse", "glace", "chaleur", "pluie", "orage",
            "embouteillage", "grève", "bateau", "ferry", "croisière", "touristes", "brocante", "festival", "jazz",
            "rap", "expo", "manif", "pétanque");

    private SyntheticStatuses() {
    }

    static String status(String id, Instant at, String user, String server, String html) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("id", id);
        s.put("created_at", at.toString());
        s.put("visibility", "public");
        s.put("language", "fr");
        s.put("uri", "https://" + server + "/users/" + user + "/statuses/" + id);
        s.put("url", "https://" + server + "/@" + user + "/" + id);
        s.put("content", html);
        s.put("spoiler_text", "");
        s.putNull("reblog");
        ObjectNode a = s.putObject("account");
        a.put("id", "1" + Math.abs(user.hashCode()));
        a.put("username", user);
        a.put("acct", user + "@" + server);
        a.put("display_name", user.toUpperCase() + " from " + server);
        a.put("url", "https://" + server + "/@" + user);
        a.put("avatar", "https://" + server + "/avatars/" + user + ".png");
        s.putArray("mentions");
        s.putArray("tags");
        s.putArray("media_attachments");
        return s.toString();
    }

    /** Ordinary chatter: one place, two everyday words. */
    static String chatter(Random r, Instant at, int authors) {
        String user = "user" + r.nextInt(authors);
        String html = "<p>" + CHATTER.get(r.nextInt(CHATTER.size())) + " et " + CHATTER.get(r.nextInt(CHATTER.size()))
                + " vers " + PLACES.get(r.nextInt(PLACES.size())) + " aujourd'hui</p>";
        return status(Long.toString(r.nextLong() & Long.MAX_VALUE), at, user, "mastodon.example", html);
    }

    /** The giant apéro, called by {@code user}. */
    static String apero(Random r, Instant at, String user) {
        String html = "<p>Énorme <a href=\"https://mastodon.example/tags/ApéroGéant\" class=\"mention hashtag\" "
                + "rel=\"tag\">#<span>ApéroGéant</span></a> ce soir au Vieux-Port, venez tous !</p>";
        return status(Long.toString(r.nextLong() & Long.MAX_VALUE), at, user, "mastodon.example", html);
    }
}
