package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GtfsFeedReaderTest {
    @TempDir
    Path tmp;

    @Test
    void bullRunnerReadsWholeAndClean() {
        GtfsFeed f = GtfsFeedReader.read(TransitData.BULLRUNNER);
        assertThat(f.stops()).hasSize(125);
        assertThat(f.routes()).hasSize(6);
        assertThat(f.trips()).hasSize(15);
        assertThat(f.calendars()).containsOnlyKeys("Mo", "Fr", "Su");
        assertThat(f.timezone()).contains(ZoneId.of("America/New_York"));
        assertThat(f.issues()).isEmpty();
        assertThat(f.findStop("101").orElseThrow().name()).isEqualTo("Math & Engineering"); // trailing space trimmed
        TripSchedule t = f.findSchedule("1").orElseThrow();
        assertThat(t.stopId(0)).isEqualTo("222");
        assertThat(t.departure(0)).isEqualTo(7 * 3600);
        assertThat(t.runSeconds(1)).hasValue(64); // 07:00:00 → 07:01:04
        assertThat(f.usualRunSeconds("222", "230")).hasValue(64);
    }

    @Test
    void testAgencyReadsWithItsFiveDeliberateFaultsReportedByFileAndLine() {
        GtfsFeed f = GtfsFeedReader.read(TransitData.TEST_AGENCY);
        assertThat(f.stops()).hasSize(24);
        assertThat(f.routes()).hasSize(18);
        assertThat(f.trips()).hasSize(33);
        assertThat(f.issues()).extracting(GtfsIssue::toString).containsExactly(
                "trips.txt line 32: direction_id: expected an integer between 0 and 1, got 'N' (ignored)",
                "trips.txt line 33: direction_id: expected an integer between 0 and 1, got 'S' (ignored)",
                "stops.txt line 2: parent_station 'station' of stop 'A' is not in stops.txt (the stop is kept as a"
                        + " place of its own)",
                "stops.txt line 25: parent_station 'station' of stop 'entrance_a' is not in stops.txt (the stop is kept"
                        + " as a place of its own)",
                "stop_times.txt line 81: trip '18.bogus' reaches stop_sequence 2 at 00:25:00, before it leaves"
                        + " stop_sequence 1 at 23:20:00 (the times of this call are ignored)");
        assertThat(f.issues().get(0).raw()).isEqualTo("18,alldays,18.1,,,,,N");
        assertThat(f.issues().get(0).toRejectedRecord()).isEqualTo(new org.vigie.feeds.RejectedRecord("trips.txt line 32",
                "direction_id: expected an integer between 0 and 1, got 'N' (ignored)", "18,alldays,18.1,,,,,N"));
        // Trip 9.1 leaves its middle call to interpolation: no times, no issue.
        assertThat(f.findSchedule("9.1").orElseThrow().arrival(1)).isEqualTo(-1);
        assertThat(f.findSchedule("18.bogus").orElseThrow().runSeconds(1)).isEmpty();
    }

    @Test
    void theRtmMetroExtractReadsFromAFolderWithoutAgencyOrCalendar() {
        GtfsFeed f = TransitData.rtm();
        // The data README says 62 stops: stops.txt has 62 lines, the header and 61 platforms.
        assertThat(f.stops()).hasSize(61);
        assertThat(f.routes()).containsOnlyKeys(TransitData.M1, TransitData.M2);
        assertThat(f.trips()).hasSize(4);
        // 18 stations with a platform each way, but La Fourragère, the terminus, has one.
        assertThat(f.stopsOfRoute(TransitData.M1)).hasSize(35).contains("RTM-00003493");
        assertThat(f.issues()).extracting(GtfsIssue::toString).containsExactly(
                "agency.txt: missing; the GTFS reference requires it (read without agencies, so without the time zone"
                        + " of the schedule)",
                "calendar.txt: missing, and so is calendar_dates.txt; the GTFS reference requires one of them (read"
                        + " without service days)");
        assertThat(f.usualRunSeconds(TransitData.LA_ROSE_M1, TransitData.FRAIS_VALLON_M1)).isPresent();
    }

    @Test
    void theBadFeedIsRefusedNamingTheMissingFilesAndWhatItHolds() {
        assertThatThrownBy(() -> GtfsFeedReader.read(TransitData.BAD))
                .isInstanceOfSatisfying(GtfsFeedException.MissingFiles.class, e -> {
                    assertThat(e.missingFiles()).containsExactly("agency.txt", "stops.txt", "routes.txt", "trips.txt",
                            "stop_times.txt");
                    assertThat(e.presentFiles()).containsExactly("bad_agency.txt", "bad_stops.txt", "readme.txt");
                    assertThat(e.getMessage()).isEqualTo("GTFS feed " + TransitData.BAD + ": required files agency.txt,"
                            + " stops.txt, routes.txt, trips.txt, stop_times.txt are missing; it holds bad_agency.txt,"
                            + " bad_stops.txt, readme.txt (GTFS files must have exactly the names of the reference, e.g."
                            + " stops.txt)");
                });
    }

    /** The bad feed's files under their proper names: now its content is what is wrong, line by line. */
    @Test
    void theBadFeedsContentIsReportedByFileLineAndProblem() throws IOException {
        var files = TransitData.minimal();
        try (var bad = new ZipFile(TransitData.BAD.toFile())) {
            files.put("agency.txt", new String(bad.getInputStream(bad.getEntry("bad_agency.txt")).readAllBytes(),
                    StandardCharsets.UTF_8));
            files.put("stops.txt", new String(bad.getInputStream(bad.getEntry("bad_stops.txt")).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        Path zip = TransitData.zip(tmp.resolve("bad-named.zip"), files);
        assertThatThrownBy(() -> GtfsFeedReader.read(zip)).isInstanceOf(GtfsFeedException.class)
                .hasMessage("GTFS feed " + zip + ": stops.txt line 1: required columns stop_id, stop_lon are missing;"
                        + " the header names stop_id_broken, stop_name, stop_lat, location_type, parent_station");

        // With a proper header, every row has seven values for five columns.
        files.put("stops.txt", files.get("stops.txt").replace("stop_id_broken,stop_name,stop_lat,location_type",
                "stop_id,stop_name,stop_lat,stop_lon"));
        Path zip2 = TransitData.zip(tmp.resolve("bad-rows.zip"), files);
        assertThatThrownBy(() -> GtfsFeedReader.read(zip2)).isInstanceOf(GtfsFeedException.class)
                .hasMessage("GTFS feed " + zip2 + ": stops.txt: no usable stop (3 issue(s); the first: stops.txt line 2:"
                        + " 7 values but the header names 5 columns)");
    }

    @Test
    void aBrokenAgencyFileIsAnIssueNotAFailure() throws IOException {
        var files = TransitData.minimal();
        files.put("agency.txt", "agency agency_name_broken,agency_url,agency_timezone_broken\nagency Fake Agency,"
                + "http://fake.example.com,America/New_York\n");
        GtfsFeed f = GtfsFeedReader.read(TransitData.zip(tmp.resolve("f.zip"), files));
        assertThat(f.agencies()).isEmpty();
        assertThat(f.issues()).extracting(GtfsIssue::toString).containsExactly("agency.txt line 1: required columns"
                + " agency_name, agency_timezone are missing; the header names agency agency_name_broken, agency_url,"
                + " agency_timezone_broken (file not read)");
    }

    @Test
    void rowsThatReferToNothingAreLeftOutAndTheRestIsRead() throws IOException {
        var files = TransitData.minimal();
        files.put("trips.txt", "route_id,service_id,trip_id\nR,all,T\nNOPE,all,T2\nR,holidays,T3\nR,all,T\n");
        files.put("stop_times.txt", files.get("stop_times.txt") + "T2,08:00:00,08:00:00,A,1\nT,08:03:00,08:03:00,C,3\n"
                + "T,08:04:00,08:04:00,A,2\n");
        GtfsFeed f = GtfsFeedReader.read(TransitData.zip(tmp.resolve("f.zip"), files));
        assertThat(f.trips()).containsOnlyKeys("T", "T3");
        assertThat(f.findSchedule("T").orElseThrow().size()).isEqualTo(2);
        assertThat(f.issues()).extracting(GtfsIssue::toString).containsExactly(
                "trips.txt line 3: route_id: 'NOPE' is not in routes.txt (row left out)",
                "trips.txt line 4: service_id: 'holidays' is in neither calendar.txt nor calendar_dates.txt (kept; its"
                        + " days are unknown)",
                "trips.txt line 5: trip_id 'T' was already given on line 2 (row left out)",
                "stop_times.txt line 4: trip_id: 'T2' is not in trips.txt (row left out)",
                "stop_times.txt line 5: stop_id: 'C' is not in stops.txt (row left out)",
                "stop_times.txt line 6: trip 'T' has stop_sequence 2 twice (this row left out)",
                "trips.txt line 4: trip 'T3' has no stop_times (it is kept, but nothing can be said about where it"
                        + " runs)");
    }

    @Test
    void aFeedZippedWithItsFolderIsRead() throws IOException {
        var files = new LinkedHashMap<String, String>();
        TransitData.minimal().forEach((k, v) -> files.put("gtfs/" + k, v));
        files.put("__MACOSX/gtfs/._stops.txt", "junk");
        assertThat(GtfsFeedReader.read(TransitData.zip(tmp.resolve("f.zip"), files)).stops()).hasSize(2);
    }

    @Test
    void aFileThatIsNotAZipOrNotThereIsNamed() throws IOException {
        Path text = Files.writeString(tmp.resolve("feed.zip"), "stop_id,stop_name\n");
        assertThatThrownBy(() -> GtfsFeedReader.read(text)).isInstanceOf(GtfsFeedException.class)
                .hasMessageStartingWith("GTFS feed " + text + ": not a readable zip file");
        assertThatThrownBy(() -> GtfsFeedReader.read(tmp.resolve("nope.zip"))).isInstanceOf(GtfsFeedException.class)
                .hasMessage("GTFS feed " + tmp.resolve("nope.zip") + ": no such file or folder");
    }

    @Test
    void anEmptyRequiredFileIsNamed() throws IOException {
        var files = TransitData.minimal();
        files.put("routes.txt", "");
        Path zip = TransitData.zip(tmp.resolve("f.zip"), files);
        assertThatThrownBy(() -> GtfsFeedReader.read(zip)).hasMessage("GTFS feed " + zip
                + ": routes.txt is empty (not even a header line)");
    }

    @Test
    void aFeedIsReadFromAFileUriOrAnHttpUrl() throws IOException {
        assertThat(GtfsFeedReader.read(TransitData.TEST_AGENCY.toUri(), Duration.ofSeconds(10)).stops()).hasSize(24);
        byte[] zip = Files.readAllBytes(TransitData.TEST_AGENCY);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/gtfs.zip", ex -> {
            ex.sendResponseHeaders(200, zip.length);
            ex.getResponseBody().write(zip);
            ex.close();
        });
        server.createContext("/gone.zip", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(GtfsFeedReader.read(URI.create(base + "/gtfs.zip"), Duration.ofSeconds(10)).trips()).hasSize(33);
            assertThatThrownBy(() -> GtfsFeedReader.read(URI.create(base + "/gone.zip"), Duration.ofSeconds(10)))
                    .hasMessage("GTFS feed " + base + "/gone.zip: the server answered HTTP 404");
        } finally {
            server.stop(0);
        }
        assertThatThrownBy(() -> GtfsFeedReader.read(URI.create("ftp://example.org/gtfs.zip"), Duration.ofSeconds(1)))
                .hasMessageContaining("expected a file path, a file: URI or an http(s): URL");
    }
}
