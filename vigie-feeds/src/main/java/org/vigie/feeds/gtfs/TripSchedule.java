package org.vigie.feeds.gtfs;

import java.util.List;
import java.util.OptionalInt;

/**
 * The calls of one trip in stop_sequence order, packed into arrays: a city's stop_times.txt has millions of rows,
 * and one object per row would cost several times the memory.
 */
public final class TripSchedule {
    private final String tripId;
    private final String[] stopIds;
    private final int[] sequences;
    private final int[] arrivals;
    private final int[] departures;

    TripSchedule(String tripId, List<StopTime> sorted) {
        this.tripId = tripId;
        int n = sorted.size();
        stopIds = new String[n];
        sequences = new int[n];
        arrivals = new int[n];
        departures = new int[n];
        for (int i = 0; i < n; i++) {
            StopTime st = sorted.get(i);
            stopIds[i] = st.stopId();
            sequences[i] = st.sequence();
            arrivals[i] = st.arrival();
            departures[i] = st.departure();
        }
    }

    public String tripId() {
        return tripId;
    }

    public int size() {
        return stopIds.length;
    }

    public String stopId(int index) {
        return stopIds[index];
    }

    public int sequence(int index) {
        return sequences[index];
    }

    /** Seconds after noon minus 12 h of the service day, or -1 when the feed leaves it to interpolation. */
    public int arrival(int index) {
        return arrivals[index];
    }

    public int departure(int index) {
        return departures[index];
    }

    /** The index of the call with this stop_sequence. */
    public OptionalInt indexOfSequence(int sequence) {
        int lo = 0;
        int hi = sequences.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sequences[mid] < sequence) {
                lo = mid + 1;
            } else if (sequences[mid] > sequence) {
                hi = mid - 1;
            } else {
                return OptionalInt.of(mid);
            }
        }
        return OptionalInt.empty();
    }

    /** The index of the first call at this stop. */
    public OptionalInt indexOfStop(String stopId) {
        for (int i = 0; i < stopIds.length; i++) {
            if (stopIds[i].equals(stopId)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** Scheduled seconds from leaving call {@code index - 1} to reaching call {@code index}, when both are known. */
    public OptionalInt runSeconds(int index) {
        if (index <= 0 || index >= stopIds.length || departures[index - 1] < 0 || arrivals[index] < 0
                || arrivals[index] < departures[index - 1]) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(arrivals[index] - departures[index - 1]);
    }
}
