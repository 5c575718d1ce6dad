/**
 * Open311 GeoReport v2, both ways. Out: the shapes a GeoReport server answers in (discovery, services, service
 * definitions, requests, tokens, errors), in JSON and XML, written exactly as the specification's examples are.
 * In: {@link org.vigie.feeds.open311.Open311Format} reads another city's {@code GET requests} answer into events,
 * and {@link org.vigie.feeds.open311.ServiceRequestForm} reads what a citizen's client posts.
 *
 * <p>Privacy: the specification lets a client send the reporter's {@code email}, {@code first_name},
 * {@code last_name}, {@code phone}, {@code device_id} and {@code account_id}. They are dropped as the form is
 * read, before anything else sees them: never stored, never echoed, never logged. Free text (a description, a
 * text attribute) has e-mail addresses and phone numbers masked ({@link org.vigie.feeds.open311.FreeText}).
 */
package org.vigie.feeds.open311;
