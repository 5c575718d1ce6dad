package org.vigie.feeds.gtfs;

import java.util.Locale;

/** What a route runs, from GTFS {@code route_type} (basic codes 0–12 and the extended codes 100–1799). */
public enum TransitMode {
    TRAM, METRO, RAIL, BUS, FERRY, CABLE_TRAM, AERIAL_LIFT, FUNICULAR, TROLLEYBUS, MONORAIL, COACH, TAXI, OTHER;

    /** {@code metro}, {@code tram}: for people reading an event. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static TransitMode of(int routeType) {
        return switch (routeType) {
            case 0 -> TRAM;
            case 1 -> METRO;
            case 2 -> RAIL;
            case 3 -> BUS;
            case 4 -> FERRY;
            case 5 -> CABLE_TRAM;
            case 6 -> AERIAL_LIFT;
            case 7 -> FUNICULAR;
            case 11 -> TROLLEYBUS;
            case 12 -> MONORAIL;
            default -> extended(routeType);
        };
    }

    private static TransitMode extended(int t) {
        return switch (t / 100) {
            case 1, 3 -> RAIL;
            case 2 -> COACH;
            case 4, 5, 6 -> METRO; // urban railway, metro, underground
            case 7 -> BUS;
            case 8 -> TROLLEYBUS;
            case 9 -> TRAM;
            case 10, 12 -> FERRY;
            case 13 -> AERIAL_LIFT;
            case 14 -> FUNICULAR;
            case 15 -> TAXI;
            default -> OTHER;
        };
    }
}
