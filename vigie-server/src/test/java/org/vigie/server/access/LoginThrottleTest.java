package org.vigie.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-07-14T08:00:00Z"));
    private final InstantSource clock = now::get;
    private final LoginThrottle throttle = new LoginThrottle(
            new AccessSettings.Throttle(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(30)), clock);

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void waitsDoubleAfterTheAllowedFailuresUpToTheMaximum() {
        throttle.failed("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.waitFor("ana", "10.0.0.1")).isEmpty();
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.waitFor("ana", "10.0.0.2")).as("per account, from anywhere").contains(Duration.ofSeconds(1));
        long[] expected = {2, 4, 8, 16, 30, 30};
        for (long seconds : expected) {
            advance(throttle.waitFor("ana", "10.0.0.1").orElseThrow());
            assertThat(throttle.waitFor("ana", "10.0.0.1")).isEmpty();
            throttle.failed("ana", "10.0.0.1");
            assertThat(throttle.waitFor("ana", "10.0.0.1")).contains(Duration.ofSeconds(seconds));
        }
        assertThat(throttle.waitFor("bob", "10.0.0.3")).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 9; i++) {
            throttle.failed("name-" + i, "10.0.0.9");
        }
        throttle.failed("ana", "10.0.0.9");
        assertThat(throttle.waitFor("someone-else", "10.0.0.9")).contains(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        throttle.succeeded("ana");
        throttle.failed("ana", "10.0.0.9");
        assertThat(throttle.waitFor("zoe", "10.0.0.9")).as("the address keeps counting").contains(Duration.ofSeconds(2));
    }

    @Test
    void failuresAreForgottenAfterADay() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        advance(Duration.ofDays(1).plusSeconds(1));
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.waitFor("ana", "10.0.0.1")).isEmpty();
    }
}
