/**
 * Open311 GeoReport v2 server under {@code /open311/v2}: citizens' clients list the services, post requests
 * (which become citizen events) and follow their status, which is the status of the incident the request's
 * event joined. Errors answer in GeoReport's own error shape, not the API's, because GeoReport clients expect it.
 */
package org.vigie.server.open311;
