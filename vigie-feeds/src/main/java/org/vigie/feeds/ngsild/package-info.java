/**
 * NGSI-LD out: incidents as Smart Data Models {@code Alert} entities, for FIWARE context brokers and city data
 * platforms. The HTTP routes that serve them live in the server ({@code org.vigie.server.ngsild}).
 */
package org.vigie.feeds.ngsild;
