package org.vigie.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DismissalReasonTest {
    @Test
    void theCodeTravelsAtTheHeadOfTheReasonText() {
        for (DismissalReason r : DismissalReason.values()) {
            var verdict = new Verdict("op-1", Instant.EPOCH, r.reasonText("sun on the shop window"));
            assertThat(DismissalReason.of(verdict)).contains(r);
            assertThat(DismissalReason.ofText(r.reasonText(" "))).contains(r);
            assertThat(DismissalReason.fromJson(r.jsonName())).contains(r);
        }
        assertThat(DismissalReason.ofText("Scene_Furniture : the bench")).contains(DismissalReason.SCENE_FURNITURE);
    }

    @Test
    void aVerdictsOwnCodeWinsAndHeadsTheRecordedText() {
        var coded = new Verdict("op-1", Instant.EPOCH, "sun on the shop window", DismissalReason.REFLECTION);
        assertThat(DismissalReason.of(coded)).contains(DismissalReason.REFLECTION);
        assertThat(DismissalReason.textOf(coded)).isEqualTo("reflection: sun on the shop window");
        assertThat(DismissalReason.ofText(DismissalReason.textOf(coded))).contains(DismissalReason.REFLECTION);
        var textOnly = new Verdict("op-1", Instant.EPOCH, "looked fine");
        assertThat(DismissalReason.textOf(textOnly)).isEqualTo("looked fine");
    }

    @Test
    void freeTextWithoutACodeHasNone() {
        assertThat(DismissalReason.ofText("looked fine to me")).isEmpty();
        assertThat(DismissalReason.ofText("")).isEmpty();
        assertThat(DismissalReason.of(null)).isEmpty();
    }
}
