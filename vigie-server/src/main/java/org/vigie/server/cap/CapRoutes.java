package org.vigie.server.cap;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.feeds.cap.CapAlertWriter;
import org.vigie.feeds.cap.CapMessage;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.store.IncidentPage;
import org.vigie.store.IncidentQuery;
import org.vigie.store.Store;

/**
 * {@code GET /api/v1/cap/alerts}: the confirmed incidents as an Atom feed of CAP 1.2 alerts, most recently
 * confirmed first, for the prefecture, the fire brigade or a public alerting system to poll. Parameters:
 * {@code limit} (1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}), {@code offset}, and {@code since} (an
 * ISO instant: only incidents last seen at or after it). A page that is not the last links to the next one
 * ({@code rel="next"}, RFC 5005).
 *
 * <p>The store pages incidents by priority; this feed is ordered by confirmation time, so the confirmed
 * incidents that match are read and ordered here. Confirmed incidents are few (operators close them), but the
 * work is bounded: when more than {@value #MAX_ORDERED} match, the request is refused and asks for {@code since}.
 *
 * <p>Only incidents whose status is confirmed are published: once closed, an incident's verdict is the closing
 * one, and the store no longer says whether it had been confirmed or dismissed.
 */
public final class CapRoutes implements RouteGroup {
    public static final String PATH = "/api/v1/cap/alerts";
    public static final String MEDIA_TYPE = "application/atom+xml; charset=utf-8";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    static final int MAX_ORDERED = 10_000;

    private final Store store;
    private final City city;
    private final Clock clock;
    private final String sender;
    private final String feedId;

    /**
     * @param sender the CAP {@code <sender>} of every alert (e.g. {@code vigie@csu.marseille.fr}); it must stay the
     *               same over time, because consumers name messages by sender and identifier
     */
    public CapRoutes(Store store, City city, Clock clock, String sender) {
        this.store = Objects.requireNonNull(store, "store");
        this.city = Objects.requireNonNull(city, "city");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sender = Objects.requireNonNull(sender, "sender");
        if (sender.isBlank() || sender.chars().anyMatch(c -> c == ',' || c == '<' || c == '&' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("the CAP sender must be non-empty, without spaces, commas, '<' or '&': '"
                    + sender + "'");
        }
        this.feedId = "urn:uuid:" + UUID.nameUUIDFromBytes(("vigie cap alerts " + sender).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code vigie@<this machine's host name>}, for when no sender is configured. */
    public static String defaultSender() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String clean = host.replaceAll("[^A-Za-z0-9.-]", "");
        return "vigie@" + (clean.isEmpty() ? "localhost" : clean);
    }

    public String sender() {
        return sender;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::alerts);
    }

    private void alerts(Context ctx) {
        var errors = new ArrayList<Map<String, Object>>();
        int limit = Requests.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        int offset = Requests.intParam(ctx, "offset", 0, 0, MAX_ORDERED, errors);
        Instant since = null;
        String sinceText = ctx.queryParam("since");
        if (sinceText != null && !sinceText.isBlank()) {
            try {
                since = Instant.parse(sinceText.strip());
            } catch (DateTimeParseException e) {
                errors.add(Requests.fieldError("since", "must be an ISO-8601 instant such as 2026-07-14T00:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid query: " + errors.size() + " parameter(s)", errors);
        }
        List<Incident> confirmed = confirmedNewestFirst(since);
        List<Incident> page = confirmed.subList(Math.min(offset, confirmed.size()), Math.min(offset + limit, confirmed.size()));
        var messages = new ArrayList<CapMessage>(page.size());
        for (Incident i : page) {
            messages.add(CapMessage.of(i, store.events().findAll(i.eventIds()), sender, areaDesc(i)));
        }
        Instant updated = messages.stream().map(CapMessage::sent).max(Comparator.naturalOrder()).orElse(clock.instant());
        String next = offset + limit < confirmed.size() ? pageUri(ctx, limit, offset + limit, since) : null;
        var head = new CapAlertWriter.FeedHead(feedId, "Vigie " + city.name() + ": confirmed incidents (CAP 1.2)",
                pageUri(ctx, limit, offset, since), next, updated);
        ctx.contentType(MEDIA_TYPE).result(CapAlertWriter.atomFeed(head, messages));
    }

    private List<Incident> confirmedNewestFirst(Instant since) {
        var query = new IncidentQuery(Set.of(IncidentStatus.CONFIRMED), Set.of(), since, null, IncidentQuery.MAX_LIMIT, 0);
        var all = new ArrayList<Incident>();
        while (true) {
            IncidentPage page = store.incidents().search(query);
            if (page.total() > MAX_ORDERED) {
                throw ApiError.badRequest(page.total() + " confirmed incidents match, more than " + MAX_ORDERED
                        + " can be ordered at once; narrow the feed with since=", List.of(Requests.fieldError("since",
                        "required when more than " + MAX_ORDERED + " confirmed incidents match")));
            }
            all.addAll(page.items());
            if (page.items().size() < query.limit() || all.size() >= page.total()) {
                break;
            }
            query = query.withPage(query.limit(), query.offset() + query.limit());
        }
        // A page read while the correlator writes may repeat an incident that moved; keep each once.
        var unique = new LinkedHashMap<IncidentId, Incident>();
        all.forEach(i -> unique.putIfAbsent(i.id(), i));
        return unique.values().stream().filter(i -> i.verdict() != null)
                .sorted(Comparator.comparing((Incident i) -> i.verdict().at()).reversed()
                        .thenComparing(i -> i.id().toString()))
                .toList();
    }

    private String areaDesc(Incident incident) {
        return city.findDistrict(incident.location().lat(), incident.location().lon()).map(District::name)
                .orElse(city.name());
    }

    private static String pageUri(Context ctx, int limit, int offset, Instant since) {
        return ctx.url() + "?limit=" + limit + "&offset=" + offset
                + (since == null ? "" : "&since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
    }
}
