package org.vigie.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionsAndHashesTest {
    /** Small parameters: the tests check the format and the logic, not the cost. */
    private static final Argon2id HASHER = new Argon2id(new Argon2id.Parameters(64, 1, 1));

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String h = HASHER.hash("correct horse battery staple");
        assertThat(h).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(HASHER.matches("correct horse battery staple", h)).isTrue();
        assertThat(HASHER.matches("correct horse battery stapler", h)).isFalse();
        assertThat(HASHER.hash("correct horse battery staple")).as("a new salt each time").isNotEqualTo(h);
        assertThat(HASHER.matches("x", "not a hash")).isFalse();
        assertThat(HASHER.matches("x", null)).isFalse();
        assertThat(HASHER.matches("correct horse battery staple", h.replace("m=64", "m=128")))
                .as("the parameters are part of what is checked").isFalse();
    }

    @Test
    void aHashMadeWithOtherParametersStillVerifies() {
        var stronger = new Argon2id(new Argon2id.Parameters(128, 2, 1));
        String old = HASHER.hash("ünïcödé password");
        assertThat(stronger.matches("ünïcödé password", old)).isTrue();
        assertThat(stronger.isWeakerThanCurrent(old)).isTrue();
        assertThat(stronger.isWeakerThanCurrent(stronger.hash("p"))).isFalse();
    }

    @Test
    void sessionsExpireWhenIdleOrOldAndCanBeClosed() {
        var now = new AtomicReference<>(Instant.parse("2026-07-14T08:00:00Z"));
        var sessions = new Sessions(now::get, Duration.ofMinutes(30), Duration.ofHours(2));
        Sessions.Opened a = sessions.open("ana", Role.OPERATOR);
        assertThat(a.token()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(a.session().csrf());
        now.set(now.get().plusSeconds(29 * 60));
        assertThat(sessions.use(a.token())).isPresent();
        now.set(now.get().plusSeconds(29 * 60));
        assertThat(sessions.use(a.token())).isPresent();
        now.set(now.get().plusSeconds(30 * 60));
        assertThat(sessions.use(a.token())).isEmpty();
        assertThat(sessions.use("not-a-token")).isEmpty();
        assertThat(sessions.use(null)).isEmpty();

        Sessions.Opened b = sessions.open("bob", Role.SUPERVISOR);
        Sessions.Opened c = sessions.open("bob", Role.SUPERVISOR);
        Sessions.Opened d = sessions.open("dan", Role.SUPERVISOR);
        sessions.closeAllOf("bob");
        assertThat(sessions.use(b.token())).isEmpty();
        assertThat(sessions.use(c.token())).isEmpty();
        assertThat(sessions.use(d.token())).isPresent();
        for (int i = 0; i < 4; i++) { // used every 25 min, never idle
            now.set(now.get().plusSeconds(25 * 60));
            assertThat(sessions.use(d.token())).isPresent();
        }
        now.set(now.get().plusSeconds(25 * 60)); // 2 h 5 min after opening
        assertThat(sessions.use(d.token())).isEmpty();
    }
}
