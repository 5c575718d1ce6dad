package org.vigie.app.sim;

import java.time.Instant;
import org.vigie.core.model.EventType;

/** Ground truth: something that really happened in the simulated city, before any source reports it. */
record Situation(String id, EventType type, Instant start, double lat, double lon) {
}
