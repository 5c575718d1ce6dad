package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each mapper with full rows, empty values and wrong values, in the manner of OpenTripPlanner's mapper tests. */
class GtfsMappersTest {
    private final GtfsIssues issues = new GtfsIssues();
    private final GtfsFeed.Builder feed = new GtfsFeed.Builder("test", issues);

    private static GtfsRow row(String file, String header, String values) {
        String[] names = header.split(",", -1);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i], i);
        }
        return new GtfsRow(file, 7, columns, Arrays.asList(values.split(",", -1)), values);
    }

    private String onlyIssue() {
        assertThat(issues.kept()).hasSize(1);
        return issues.kept().get(0).toString();
    }

    @Test
    void agency() {
        var a = AgencyMapper.map(row("agency.txt", "agency_id,agency_name,agency_url,agency_timezone,agency_phone",
                "RTM,Régie des transports,https://rtm.fr,Europe/Paris,+33 4 91 91 92 10"), issues).orElseThrow();
        assertThat(a).isEqualTo(new Agency("RTM", "Régie des transports", ZoneId.of("Europe/Paris")));
        assertThat(AgencyMapper.map(row("agency.txt", "agency_name,agency_timezone", "Solo,Europe/Paris"), issues)
                .orElseThrow().id()).isEmpty();
        assertThat(issues.total()).isZero();
        assertThat(AgencyMapper.map(row("agency.txt", "agency_name,agency_timezone", ",Mars/Olympus"), issues)).isEmpty();
        assertThat(onlyIssue()).isEqualTo("agency.txt line 7: agency_name: required, but empty; agency_timezone:"
                + " expected a tz database zone such as Europe/Paris, got 'Mars/Olympus' (row left out)");
    }

    @Test
    void stop() {
        var s = StopMapper.map(row("stops.txt", "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station",
                "S1,Noailles,43.2967,5.3812,,"), issues).orElseThrow();
        assertThat(s).isEqualTo(new Stop("S1", "Noailles", 43.2967, 5.3812, Stop.LocationType.STOP, null, 7));
        assertThat(issues.total()).isZero();
    }

    @Test
    void stopWithWrongCoordinatesIsLeftOutNamingEachField() {
        assertThat(StopMapper.map(row("stops.txt", "stop_id,stop_name,stop_lat,stop_lon", "S1,X,north,190"), issues))
                .isEmpty();
        assertThat(onlyIssue()).isEqualTo("stops.txt line 7: stop_lat: expected a number between -90 and 90, got"
                + " 'north'; stop_lon: expected a number between -180 and 180, got '190' (row left out)");
    }

    @Test
    void stopWithoutNameOrWithAWrongLocationTypeIsKept() {
        var s = StopMapper.map(row("stops.txt", "stop_id,stop_name,stop_lat,stop_lon,location_type",
                "S1,,43.3,5.4,9"), issues).orElseThrow();
        assertThat(s.name()).isEqualTo("S1");
        assertThat(s.type()).isEqualTo(Stop.LocationType.STOP);
        assertThat(onlyIssue()).contains("location_type: expected an integer between 0 and 4, got '9' (ignored)")
                .contains("stop_name: required");
    }

    @Test
    void pathwayNodesWithoutCoordinatesAreValidButNotKept() {
        assertThat(StopMapper.map(row("stops.txt", "stop_id,stop_name,stop_lat,stop_lon,location_type",
                "N1,,,,3"), issues)).isEmpty();
        assertThat(issues.total()).isZero();
    }

    @Test
    void route() {
        var r = RouteMapper.map(row("routes.txt", "route_id,agency_id,route_short_name,route_long_name,route_type",
                "R2,RTM,M2,Gèze - Sainte-Marguerite Dromel,1"), feed, issues).orElseThrow();
        assertThat(r).isEqualTo(new Route("R2", "RTM", "M2", "Gèze - Sainte-Marguerite Dromel", TransitMode.METRO));
        assertThat(r.label()).isEqualTo("M2");
        var bus = RouteMapper.map(row("routes.txt", "route_id,route_short_name,route_type", "B,,700"), feed, issues)
                .orElseThrow();
        assertThat(bus.mode()).isEqualTo(TransitMode.BUS);
        assertThat(bus.label()).isEqualTo("B");
        assertThat(onlyIssue()).contains("one of them is required");
    }

    @Test
    void routeWithoutTypeIsKeptWithAnUnknownMode() {
        var r = RouteMapper.map(row("routes.txt", "route_id,route_short_name,route_type", "R,12,"), feed, issues)
                .orElseThrow();
        assertThat(r.mode()).isEqualTo(TransitMode.OTHER);
        assertThat(onlyIssue()).contains("route_type: required, but empty");
        assertThat(RouteMapper.map(row("routes.txt", "route_id,route_type", ",3"), feed, issues)).isEmpty();
    }

    @Test
    void tripNeedsAKnownRoute() {
        feed.add(row("routes.txt", "route_id", "R"), new Route("R", "", "1", null, TransitMode.BUS));
        var t = TripMapper.map(row("trips.txt", "route_id,service_id,trip_id,direction_id", "R,wk,T1,1"), feed, issues)
                .orElseThrow();
        assertThat(t).isEqualTo(new Trip("T1", "R", "wk", null, 1, 7));
        assertThat(TripMapper.map(row("trips.txt", "route_id,service_id,trip_id,direction_id", "X,wk,T2,N"), feed,
                issues)).isEmpty();
        assertThat(onlyIssue()).isEqualTo("trips.txt line 7: route_id: 'X' is not in routes.txt; direction_id:"
                + " expected an integer between 0 and 1, got 'N' (ignored) (row left out)");
    }

    @Test
    void stopTime() {
        feed.add(row("routes.txt", "route_id", "R"), new Route("R", "", "1", null, TransitMode.BUS));
        feed.add(row("trips.txt", "trip_id", "T"), new Trip("T", "R", "wk", null, null, 2));
        feed.add(row("stops.txt", "stop_id", "S"), new Stop("S", "S", 43.3, 5.4, Stop.LocationType.STOP, null, 2));
        String header = "trip_id,arrival_time,departure_time,stop_id,stop_sequence";
        var st = StopTimeMapper.map(row("stop_times.txt", header, "T,25:01:02,,S,3"), feed, issues).orElseThrow();
        assertThat(st).isEqualTo(new StopTime("T", 3, "S", 25 * 3600 + 62, 25 * 3600 + 62, 7));
        var interpolated = StopTimeMapper.map(row("stop_times.txt", header, "T,,,S,4"), feed, issues).orElseThrow();
        assertThat(interpolated.arrival()).isEqualTo(-1);
        assertThat(issues.total()).isZero();
        assertThat(StopTimeMapper.map(row("stop_times.txt", header, "T,8h30,08:31:00,Z,-1"), feed, issues)).isEmpty();
        assertThat(onlyIssue()).isEqualTo("stop_times.txt line 7: stop_sequence: expected an integer between 0 and "
                + Integer.MAX_VALUE + ", got '-1'; arrival_time: expected a time H:MM:SS (hours may pass 24), got"
                + " '8h30'; stop_id: 'Z' is not in stops.txt (row left out)");
    }

    @Test
    void calendar() {
        String header = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date";
        var c = CalendarMapper.map(row("calendar.txt", header, "wk,1,1,1,1,1,0,0,20260101,20261231"), issues).orElseThrow();
        assertThat(c.days()).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).hasSize(5);
        assertThat(c.runsOn(LocalDate.of(2026, 11, 30))).isTrue(); // a Monday
        assertThat(c.runsOn(LocalDate.of(2026, 11, 29))).isFalse();
        assertThat(CalendarMapper.map(row("calendar.txt", header, "x,1,1,1,1,1,2,0,20261301,20260101"), issues)).isEmpty();
        assertThat(onlyIssue()).contains("saturday: expected an integer between 0 and 1, got '2'")
                .contains("start_date: expected a date YYYYMMDD, got '20261301'");
    }

    @Test
    void calendarDate() {
        var e = CalendarDateMapper.map(row("calendar_dates.txt", "service_id,date,exception_type", "wk,20261225,2"),
                issues).orElseThrow();
        assertThat(e).isEqualTo(new ServiceException("wk", LocalDate.of(2026, 12, 25), false));
        assertThat(CalendarDateMapper.map(row("calendar_dates.txt", "service_id,date,exception_type", "wk,,3"), issues))
                .isEmpty();
        assertThat(onlyIssue()).contains("date: required").contains("exception_type: expected an integer between 1 and 2");
    }

    @Test
    void timesMayPassMidnightButMustBeWellFormed() {
        assertThat(GtfsRow.parseTime("5:00:00")).isEqualTo(5 * 3600);
        assertThat(GtfsRow.parseTime("24:10:00")).isEqualTo(24 * 3600 + 600);
        for (String bad : List.of("", "5:0:00", "05:60:00", "05:00:60", "+5:00:00", "05:00", "05:00:00:00", "a5:00:00")) {
            assertThat(GtfsRow.parseTime(bad)).as(bad).isEqualTo(-1);
        }
    }
}
