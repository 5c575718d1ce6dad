package org.vigie.feeds.gtfs;

import java.util.List;

/**
 * A static GTFS feed that cannot be used at all: not a zip or folder, unreadable, a required file or column
 * missing. Bad rows are not thrown but collected as {@link GtfsIssue}s; this is for what leaves nothing to read.
 */
public class GtfsFeedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param feed the zip, folder or URL, as the user named it */
    public GtfsFeedException(String feed, String problem) {
        super("GTFS feed " + feed + ": " + problem);
    }

    public GtfsFeedException(String feed, String problem, Throwable cause) {
        super("GTFS feed " + feed + ": " + problem, cause);
    }

    /** Required files that are absent. */
    public static final class MissingFiles extends GtfsFeedException {
        private static final long serialVersionUID = 1L;
        private final List<String> missing;
        private final List<String> present;

        MissingFiles(String feed, List<String> missing, List<String> present) {
            super(feed, "required file" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing; it holds "
                    + (present.isEmpty() ? "no files" : String.join(", ", present))
                    + (present.stream().anyMatch(p -> p.endsWith(".txt")) ? " (GTFS files must have exactly the names"
                    + " of the reference, e.g. stops.txt)" : ""));
            this.missing = List.copyOf(missing);
            this.present = List.copyOf(present);
        }

        public List<String> missingFiles() {
            return missing;
        }

        public List<String> presentFiles() {
            return present;
        }
    }
}
