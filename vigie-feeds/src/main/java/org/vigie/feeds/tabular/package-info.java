/**
 * Tabular feeds: CSV and JSON Lines exports of police incidents, fire-brigade interventions, citizen requests
 * and hospital load, turned into events by a declarative YAML mapping ({@link org.vigie.feeds.tabular.TabularMappings}
 * reads it, {@link org.vigie.feeds.tabular.TabularFormat} applies it). A mapping names the columns of the record id
 * and version, the time, the place, the type, confidence and severity, and the allow-list of columns kept as
 * attributes: every other column, and in particular any personal field an export carries, is dropped while
 * parsing, and columns declared personal are also removed from the text of quarantined rows.
 *
 * <p>Shipped mappings live under {@code mappings/} in this package: {@code baltimore311} and documented examples
 * for a French police log in Lambert-93, a fire brigade's interventions and an emergency-department load feed.
 */
package org.vigie.feeds.tabular;
