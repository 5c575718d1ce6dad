package org.vigie.core.model;

/** An incident's confidence, priority (1 most urgent … 5) and why, as triage assessed them. */
public record Assessment(double confidence, int priority, String explanation) {
}
