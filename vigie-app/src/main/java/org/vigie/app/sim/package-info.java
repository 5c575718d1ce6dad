/**
 * A synthetic Marseille day for {@code vigie demo}: ground-truth {@code Situation}s arrive
 * as Poisson processes shaped by population and the hour of the day, and each is reported by the sources
 * that would really see it (cameras, acoustic sensors, fire brigade, police, hospital, transit, citizens),
 * late and imprecise as they really are. Every event says {@code simulated=true} and names its situation, so
 * the correlator's output can later be scored against the truth. Nothing here describes a person.
 */
package org.vigie.app.sim;
