/**
 * Connectors that fetch feeds on their own: an HTTP poller with conditional requests and back-off, a folder
 * watch, and the {@link org.vigie.feeds.poll.FeedConnector} that parses what they fetch with a
 * {@link org.vigie.feeds.FeedFormat} and hands it to a {@link org.vigie.feeds.poll.FeedSink}.
 */
package org.vigie.feeds.poll;
