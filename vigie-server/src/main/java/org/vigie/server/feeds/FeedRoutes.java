package org.vigie.server.feeds;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedParseException;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.EventRoutes;
import org.vigie.server.api.Requests;
import org.vigie.server.ingest.IngestService;

/**
 * {@code POST /api/v1/feeds/{format}?source=ID[&line-offset=N]}: one document of an external format (a CAP alert, a GTFS-RT
 * feed, a CSV export …), parsed on the server so that its bad records reach the quarantine and its events the
 * correlator exactly as a poller's would. {@code GET /api/v1/feeds} lists the formats this server reads.
 */
public final class FeedRoutes implements RouteGroup {
    private final SortedMap<String, FeedFormat> formats;
    private final IngestService ingest;
    private final Clock clock;

    public FeedRoutes(List<FeedFormat> formats, IngestService ingest, Clock clock) {
        var byName = new TreeMap<String, FeedFormat>();
        for (FeedFormat f : formats) {
            if (byName.put(f.name(), f) != null) {
                throw new IllegalArgumentException("two feed formats are named '" + f.name() + "'");
            }
        }
        this.formats = Collections.unmodifiableSortedMap(byName);
        this.ingest = ingest;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/feeds", ctx -> ctx.json(Map.of("formats", formats.keySet())));
        routes.post("/api/v1/feeds/{format}", this::post);
    }

    private void post(Context ctx) {
        String name = ctx.pathParam("format");
        FeedFormat format = formats.get(name);
        if (format == null) {
            throw new ApiError(404, "unknown-format", "no feed format '" + name + "'; this server reads "
                    + formats.keySet());
        }
        String source = ctx.queryParam("source");
        if (source == null || source.isBlank()) {
            throw ApiError.badRequest("the query parameter 'source' names the feed (it is part of every event id)",
                    List.of(Requests.fieldError("source", "required")));
        }
        var errors = new ArrayList<Map<String, Object>>();
        int lineOffset = Requests.intParam(ctx, "line-offset", 0, 0, Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid query", errors);
        }
        byte[] document = ctx.bodyAsBytes();
        if (document.length > FeedFormat.MAX_DOCUMENT_BYTES) {
            throw new ApiError(413, "document-too-large", "a feed document holds at most "
                    + FeedFormat.MAX_DOCUMENT_BYTES + " bytes, this one has " + document.length);
        }
        String channel = "feed:" + name + ":" + source;
        FeedBatch batch;
        try {
            batch = format.parse(document, new FeedContext(source, clock.instant(), lineOffset));
        } catch (FeedParseException e) {
            ingest.quarantineDocument(channel, "unreadable " + name + " document: " + e.getMessage(), document);
            throw new ApiError(400, "unreadable-document", "cannot read this " + name + " document: "
                    + e.getMessage() + " (the document was quarantined)");
        }
        EventRoutes.answer(ctx, ingest.ingestFeed(batch, channel));
    }
}
