/**
 * External formats in and out, one package per format ({@code cap}, {@code open311}, {@code gtfs},
 * {@code tabular}, {@code ngsild}), and the pollers that fetch them. Each format turns its documents into
 * {@link org.vigie.core.model.Event}s through {@link org.vigie.feeds.FeedFormat}; bad records become
 * {@link org.vigie.feeds.RejectedRecord}s for the quarantine. No HTTP server or database here.
 */
package org.vigie.feeds;
