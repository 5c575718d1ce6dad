/**
 * A synthetic Marseille day for {@code vigie demo}: ground-truth {@code Situation}s arrive
 * as Poisson processes shaped by population and the hour of the day, and each is reported by the sources
 * that would really see it (cameras, acoustic sensors, fire brigade, police, hospital, transit, citizens),
 * late and imprecise as they really are. Every event says {@code simulated=true} and names its situation, so
 * the correlator's output can later be scored against the truth. Nothing here describes a person.
 *
 * <p>The same city at city scale ({@code CityScale}: thousands of cameras, a hundred acoustic sensors, telecom and
 * social aggregates, rates multiplied at will) is the load of {@code vigie sim city}, which sends it to a
 * deployment ({@code LoadTarget}) as fast as it takes it and measures throughput, end-to-end latency, lag and loss.
 */
package org.vigie.app.sim;
