/**
 * The Common Alerting Protocol (OASIS CAP 1.1 and 1.2): alerts in, alone or in Atom, RSS and EDXL-DE envelopes
 * ({@link org.vigie.feeds.cap.CapFormat}), and confirmed incidents out as CAP 1.2 alerts in an Atom feed
 * ({@link org.vigie.feeds.cap.CapAlertWriter}). Documents are read with a hardened StAX parser: no DTD, no
 * external entity, bounded size and nesting.
 */
package org.vigie.feeds.cap;
