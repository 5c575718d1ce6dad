package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.IncidentStatus;

class IncidentQueryTest {
    @Test
    void limitAndOffsetAreBoundedWithMessagesNamingTheValue() {
        assertThatThrownBy(() -> IncidentQuery.all(0)).hasMessageContaining("limit must be 1..500, got 0");
        assertThatThrownBy(() -> IncidentQuery.all(501)).hasMessageContaining("got 501");
        assertThatThrownBy(() -> IncidentQuery.all(10).withPage(10, -1)).hasMessageContaining("offset must be 0 or more");
        assertThat(IncidentQuery.all(500).limit()).isEqualTo(500);
    }

    @Test
    void nullSetsMeanNoFilter() {
        var q = new IncidentQuery(null, null, null, null, 10, 0);
        assertThat(q.statuses()).isEmpty();
        assertThat(q.types()).isEmpty();
        assertThat(q.withStatuses(Set.of(IncidentStatus.NEW)).statuses()).containsExactly(IncidentStatus.NEW);
    }
}
