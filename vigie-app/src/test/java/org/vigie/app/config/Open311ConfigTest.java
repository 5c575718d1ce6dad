package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vigie.core.config.ConfigException;
import org.vigie.core.model.EventType;
import org.vigie.feeds.open311.ServiceAttribute;

class Open311ConfigTest {
    private static final Path BASE = Path.of("/srv/vigie");

    @Test
    void withoutASectionTheDefaultServicesAreOfferedAndNobodyCanPost() {
        VigieConfig c = ConfigLoader.parse("empty.yaml", "", BASE);
        assertThat(c.open311().apiKeys()).isEmpty();
        assertThat(c.open311().webFormKey()).isNull();
        assertThat(c.open311().services().find("graffiti").orElseThrow().type()).isEqualTo(EventType.GRAFFITI);
    }

    @Test
    void aSectionSetsKeysAndReplacesTheServices() {
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                open311:
                  jurisdiction-id: marseille.fr
                  api-keys: [partner-one-0123456789, partner-two-0123456789]
                  web-form-key: web-form-0123456789
                  contact: csu@example.org
                  services:
                    - code: tags
                      name: Tags
                      type: graffiti
                      notice: Cleaned within a week
                      attributes:
                        - code: where
                          description: Where is it?
                          required: yes
                          order: 1
                          values:
                            - {key: wall, name: Wall}
                            - {key: door}
                        - code: count
                          datatype: number
                          description: How many?
                """, BASE);
        var o = c.open311();
        assertThat(o.jurisdictionId()).isEqualTo("marseille.fr");
        assertThat(o.apiKeys()).containsExactly("partner-one-0123456789", "partner-two-0123456789");
        assertThat(o.webFormKey()).isEqualTo("web-form-0123456789");
        assertThat(o.toString()).doesNotContain("partner-one").doesNotContain("web-form-0123");
        assertThat(o.services().services()).hasSize(1);
        var tags = o.services().find("tags").orElseThrow();
        assertThat(tags.notice()).isEqualTo("Cleaned within a week");
        assertThat(tags.attributes()).hasSize(2);
        ServiceAttribute where = tags.attributes().get(0);
        assertThat(where.required()).isTrue();
        assertThat(where.datatype()).isEqualTo(ServiceAttribute.Datatype.SINGLEVALUELIST);
        assertThat(where.values()).extracting(ServiceAttribute.Value::name).containsExactly("Wall", "door");
        assertThat(tags.attributes().get(1).datatype()).isEqualTo(ServiceAttribute.Datatype.NUMBER);
    }

    @Test
    void mistakesAreNamedWithTheirLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("bad.yaml", """
                open311:
                  api-keys: [short]
                  services:
                    - code: bad code
                      name: Bad
                      type: graffiti
                    - code: x
                      name: X
                      type: teleportation
                    - code: y
                      name: Y
                      type: noise
                      colour: red
                      attributes:
                        - code: q
                          description: Which?
                          datatype: singlevaluelist
                          required: maybe
                """, BASE))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "bad.yaml:2: open311.api-keys: each key must be at least 16 characters without spaces",
                        "bad.yaml:4: open311.services[0]: service code 'bad code' must match [A-Za-z0-9][A-Za-z0-9_-]{0,63}",
                        "bad.yaml:7: open311.services[1].type: unknown event type 'teleportation'",
                        "bad.yaml:13: open311.services[2].colour: unknown key; expected one of [attributes, code, description, group, keywords, name, notice, type]",
                        "bad.yaml:15: open311.services[2].attributes[0].required: expected true or false, got 'maybe'",
                        "bad.yaml:15: open311.services[2].attributes[0]: attribute 'q' is a singlevaluelist and needs at least one value"));
    }
}
