package org.vigie.feeds.gtfs;

import java.time.ZoneId;

/**
 * An operator, from {@code agency.txt}.
 *
 * @param id       empty when the feed has a single agency and leaves the column out
 * @param timezone the zone in which the feed's times of day are expressed
 */
public record Agency(String id, String name, ZoneId timezone) {
}
