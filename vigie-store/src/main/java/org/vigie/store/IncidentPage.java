package org.vigie.store;

import java.util.List;
import org.vigie.core.model.Incident;

/**
 * One page of {@link IncidentRepository#search}. Items are complete incidents, member event ids included.
 *
 * @param total how many incidents match the query, over all pages
 */
public record IncidentPage(List<Incident> items, long total) {
    public IncidentPage {
        items = List.copyOf(items);
    }
}
