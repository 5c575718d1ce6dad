package org.vigie.feeds.gtfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The transit data of ../shared/data, and small zips written for a test. */
final class TransitData {
    static final Path ROOT = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/transit");
    static final Path BULLRUNNER = ROOT.resolve("gtfs-rt/bullrunner-gtfs.zip");
    static final Path TEST_AGENCY = ROOT.resolve("gtfs-rt/testagency.zip");
    static final Path BAD = ROOT.resolve("gtfs-rt/badgtfs.zip");
    static final Path BULLRUNNER_POSITIONS = ROOT.resolve("gtfs-rt/bullrunner-vehicle-positions.pb");
    static final Path BULLRUNNER_RESULTS = ROOT.resolve("gtfs-rt/bullrunner-vehicle-positions.results.json");
    static final Path RTM_METRO = ROOT.resolve("rtm_metro_gtfs_subset");

    /** RTM stop ids of Marseille metro platforms used by the tests. */
    static final String NOAILLES_M2 = "RTM-00002310";
    static final String LA_ROSE_M1 = "RTM-00002275";
    static final String FRAIS_VALLON_M1 = "RTM-00002277";
    static final String M1 = "RTM-116";
    static final String M2 = "RTM-125";

    private static GtfsFeed rtm;

    private TransitData() {
    }

    static synchronized GtfsFeed rtm() {
        if (rtm == null) {
            rtm = GtfsFeedReader.read(RTM_METRO);
        }
        return rtm;
    }

    static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); var zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    /** The smallest feed that reads: one route, one trip, two stops. */
    static Map<String, String> minimal() {
        return new java.util.LinkedHashMap<>(Map.of(
                "agency.txt", "agency_name,agency_url,agency_timezone\nRTM,https://rtm.fr,Europe/Paris\n",
                "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,43.30,5.38\nB,Beta,43.31,5.39\n",
                "routes.txt", "route_id,route_short_name,route_type\nR,1,3\n",
                "trips.txt", "route_id,service_id,trip_id\nR,all,T\n",
                "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT,08:00:00,08:00:00,A,1\n"
                        + "T,08:02:00,08:02:00,B,2\n",
                "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                        + "all,1,1,1,1,1,1,1,20260101,20261231\n"));
    }
}
