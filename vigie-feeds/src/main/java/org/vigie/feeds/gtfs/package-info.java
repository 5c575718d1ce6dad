/**
 * GTFS static and GTFS-Realtime, in the manner of OpenTripPlanner's {@code gtfs/mapping}: one mapper per GTFS
 * entity ({@link org.vigie.feeds.gtfs.StopMapper}, {@link org.vigie.feeds.gtfs.TripMapper}, …) turns a CSV row into
 * a small record or into a {@link org.vigie.feeds.gtfs.GtfsIssue} that names the file, the line and what was wrong;
 * {@link org.vigie.feeds.gtfs.GtfsFeedReader} reads a zip or a folder into a {@link org.vigie.feeds.gtfs.GtfsFeed}.
 *
 * <p>{@link org.vigie.feeds.gtfs.GtfsRealtimeFormat} reads GTFS-Realtime documents (alerts, vehicle positions, trip
 * updates) against that static feed and turns the few that describe a situation into events. Vehicle ids are
 * operational ids of buses and trains; nothing about passengers or staff is ever read.
 */
package org.vigie.feeds.gtfs;
