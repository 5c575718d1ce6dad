package org.vigie.feeds.gtfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a static GTFS feed from a zip, a folder or a URL. Rows that are wrong become {@link GtfsIssue}s naming the
 * file, the line and the problem, and the rest of the feed is read; a feed that lacks what Vigie cannot do
 * without throws {@link GtfsFeedException}.
 *
 * <p>Vigie needs stops.txt, routes.txt, trips.txt and stop_times.txt. agency.txt and calendar.txt (or
 * calendar_dates.txt), which the GTFS reference also requires, are read when present and reported as issues
 * when not: extracts such as a city's metro lines often leave them out, and stations and run times do not need
 * them.
 */
public final class GtfsFeedReader {
    private static final Logger LOG = LoggerFactory.getLogger(GtfsFeedReader.class);
    /** Far above a national feed zipped. */
    static final long MAX_DOWNLOAD_BYTES = 2L << 30;
    static final List<String> REQUIRED = List.of("stops.txt", "routes.txt", "trips.txt", "stop_times.txt");

    private GtfsFeedReader() {
    }

    /**
     * Reads a feed from a local path or URL: a {@code file:} URI, or {@code http(s):} fetched once here (the
     * address is the operator's configured feed, read at start-up; nothing else is ever downloaded).
     */
    public static GtfsFeed read(URI location, Duration timeout) {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> read(Path.of(location));
            case "http", "https" -> fetchAndRead(location, timeout);
            default -> throw new GtfsFeedException(location.toString(), "expected a file path, a file: URI or an"
                    + " http(s): URL");
        };
    }

    private static GtfsFeed fetchAndRead(URI url, Duration timeout) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("vigie-gtfs-", ".zip");
            HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
                if (response.statusCode() != 200) {
                    throw new GtfsFeedException(url.toString(), "the server answered HTTP " + response.statusCode());
                }
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = body.read(buf)) > 0; ) {
                    if ((total += n) > MAX_DOWNLOAD_BYTES) {
                        throw new GtfsFeedException(url.toString(), "larger than " + (MAX_DOWNLOAD_BYTES >> 30) + " GiB");
                    }
                    out.write(buf, 0, n);
                }
            }
            return read(tmp, url.toString());
        } catch (IOException e) {
            throw new GtfsFeedException(url.toString(), "cannot be fetched: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GtfsFeedException(url.toString(), "interrupted while fetching", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("cannot delete the temporary copy {} of {}: {}", tmp, url, e.getMessage());
                }
            }
        }
    }

    /** Reads a feed from a zip file or a folder of .txt files. */
    public static GtfsFeed read(Path path) {
        return read(path, path.toString());
    }

    private static GtfsFeed read(Path path, String name) {
        try (GtfsFiles files = GtfsFiles.open(path)) {
            var missing = new ArrayList<String>();
            REQUIRED.forEach(f -> {
                if (!files.has(f)) {
                    missing.add(f);
                }
            });
            if (!missing.isEmpty()) {
                if (!files.has("agency.txt")) {
                    missing.add(0, "agency.txt");
                }
                throw new GtfsFeedException.MissingFiles(name, missing, files.names());
            }
            var issues = new GtfsIssues();
            var feed = new GtfsFeed.Builder(name, issues);
            if (!files.has("agency.txt")) {
                issues.file("agency.txt", "missing; the GTFS reference requires it (read without agencies, so without"
                        + " the time zone of the schedule)");
            }
            readFile(name, files, "agency.txt", false, List.of("agency_name", "agency_timezone"),
                    row -> AgencyMapper.map(row, issues), feed::add, issues);
            readFile(name, files, "stops.txt", true, List.of("stop_id", "stop_lat", "stop_lon"),
                    row -> StopMapper.map(row, issues), feed::add, issues);
            if (feed.stopCount() == 0) {
                throw new GtfsFeedException(name, "stops.txt: no usable stop" + firstIssue(issues, "stops.txt"));
            }
            readFile(name, files, "routes.txt", true, List.of("route_id"),
                    row -> RouteMapper.map(row, feed, issues), feed::add, issues);
            boolean calendars = files.has("calendar.txt") || files.has("calendar_dates.txt");
            if (calendars) {
                feed.calendarFilesPresent();
            } else {
                issues.file("calendar.txt", "missing, and so is calendar_dates.txt; the GTFS reference requires one"
                        + " of them (read without service days)");
            }
            readFile(name, files, "calendar.txt", false, List.of("service_id", "monday", "tuesday", "wednesday",
                    "thursday", "friday", "saturday", "sunday", "start_date", "end_date"),
                    row -> CalendarMapper.map(row, issues), feed::add, issues);
            readFile(name, files, "calendar_dates.txt", false, List.of("service_id", "date", "exception_type"),
                    row -> CalendarDateMapper.map(row, issues), (row, e) -> feed.add(e), issues);
            readFile(name, files, "trips.txt", true, List.of("route_id", "service_id", "trip_id"),
                    row -> TripMapper.map(row, feed, issues), feed::add, issues);
            readFile(name, files, "stop_times.txt", true, List.of("trip_id", "stop_id", "stop_sequence"),
                    row -> StopTimeMapper.map(row, feed, issues), (row, st) -> feed.add(st), issues);
            GtfsFeed built = feed.build();
            if (built.issueCount() > 0) {
                LOG.info("GTFS feed {}: {} stops, {} routes, {} trips read, with {} issue(s); the first: {}", name,
                        built.stops().size(), built.routes().size(), built.trips().size(), built.issueCount(),
                        built.issues().get(0));
            }
            return built;
        }
    }

    private static String firstIssue(GtfsIssues issues, String file) {
        return issues.kept().stream().filter(i -> i.file().equals(file)).findFirst()
                .map(i -> " (" + issues.total() + " issue(s); the first: " + i + ")").orElse("");
    }

    private static <T> void readFile(String feed, GtfsFiles files, String file, boolean required,
                                     List<String> requiredColumns, Function<GtfsRow, Optional<T>> mapper,
                                     BiConsumer<GtfsRow, T> sink, GtfsIssues issues) {
        long line = 0;
        try {
            Optional<InputStream> stream = files.open(file);
            if (stream.isEmpty()) {
                return;
            }
            try (var reader = new GtfsCsvReader(file, stream.get(), issues)) {
                List<String> header = reader.header();
                if (header.isEmpty()) {
                    if (required) {
                        throw new GtfsFeedException(feed, file + " is empty (not even a header line)");
                    }
                    issues.file(file, "empty (not even a header line); not read");
                    return;
                }
                Map<String, Integer> columns = reader.columns();
                List<String> absent = requiredColumns.stream().filter(c -> !columns.containsKey(c)).toList();
                if (!absent.isEmpty()) {
                    String problem = "required column" + (absent.size() == 1 ? " " : "s ") + String.join(", ", absent)
                            + (absent.size() == 1 ? " is" : " are") + " missing; the header names "
                            + String.join(", ", header);
                    if (required) {
                        throw new GtfsFeedException(feed, file + " line 1: " + problem);
                    }
                    issues.add(new GtfsIssue(file, 1, problem + " (file not read)", "", true));
                    return;
                }
                for (GtfsRow row; (row = reader.next()) != null; ) {
                    line = row.line();
                    GtfsRow r = row;
                    mapper.apply(row).ifPresent(v -> sink.accept(r, v));
                }
            }
        } catch (IOException e) {
            // A zip with a broken entry (bad CRC, truncated) fails here with a ZipException or an EOFException.
            throw new GtfsFeedException(feed, file + ": cannot be read" + (line > 0 ? " past line " + line : "")
                    + " (" + e.getMessage() + ")", e);
        }
    }
}
