package org.vigie.feeds.cap;

import java.time.Instant;
import java.util.List;

/**
 * The parts of one CAP 1.1 or 1.2 {@code <alert>} that Vigie uses, after checking them against the standard.
 * Free text that may describe persons ({@code description}, {@code instruction}, {@code contact},
 * {@code addresses}, {@code note}, {@code parameter}s, {@code resource}s with their embedded files) is not read
 * at all: Vigie records that a situation was announced, not whom it concerns.
 *
 * @param line the line of the {@code <alert>} start tag
 */
record CapAlert(String version, String identifier, String sender, Instant sent, String status, String msgType,
                List<Info> infos, int line) {

    /** {@code sender,identifier,sent} are what CAP itself uses to name a message. */
    String key() {
        return sender + "," + identifier + "," + sent;
    }

    /**
     * One {@code <info>} block.
     *
     * @param index its position in the alert, from 1
     * @param problems what breaks the standard in it; an info with problems gives no event
     */
    record Info(int index, int line, String language, List<String> categories, String event,
                List<String> responseTypes, String urgency, String severity, String certainty, List<Code> eventCodes,
                Instant effective, Instant onset,
                Instant expires, String headline, List<Area> areas, List<String> problems) {
    }

    /** One {@code <area>}: its description and the shapes and codes that say where it is. */
    record Area(int index, int line, String description, List<Shape> polygons, List<Shape> circles,
                List<Code> geocodes) {
    }

    /** The text of a {@code <polygon>} or {@code <circle>} and where it was. */
    record Shape(String text, int line) {
    }

    /** A {@code valueName}/{@code value} pair ({@code eventCode}, {@code geocode}). */
    record Code(String name, String value, int line) {
        @Override
        public String toString() {
            return name + "=" + value;
        }
    }
}
