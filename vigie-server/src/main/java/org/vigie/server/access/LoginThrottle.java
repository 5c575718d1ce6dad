package org.vigie.server.access;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing per account and per client address: after a number of failures in a row, each further
 * failure doubles how long the next attempt must wait (up to a maximum). While a wait runs, attempts are refused
 * without even checking the password. A success clears the account's count, not the address's (one valid account
 * must not reset a guesser working through others). Counts are forgotten a day after the last failure.
 * Thread-safe.
 */
public final class LoginThrottle {
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private record Failures(int count, Instant last, Instant waitUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final AccessSettings.Throttle settings;
    private final InstantSource clock;

    public LoginThrottle(AccessSettings.Throttle settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the caller must still wait before trying this account from this address; empty: try now. */
    public Optional<Duration> waitFor(String account, String address) {
        Instant now = clock.instant();
        Instant until = later(waitUntil("account:" + account, now), waitUntil("address:" + address, now));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (failures.size() > 100_000) {
            failures.values().removeIf(f -> now.isAfter(f.last().plus(FORGET_AFTER)));
        }
        count("account:" + account, settings.accountFailures(), now);
        count("address:" + address, settings.addressFailures(), now);
    }

    public void succeeded(String account) {
        failures.remove("account:" + account);
    }

    private void count(String key, int allowed, Instant now) {
        failures.compute(key, (k, f) -> {
            int n = f == null || now.isAfter(f.last().plus(FORGET_AFTER)) ? 1 : f.count() + 1;
            Instant wait = now;
            if (n >= allowed) {
                int doublings = Math.min(n - allowed, 30);
                Duration d = settings.firstDelay().multipliedBy(1L << doublings);
                wait = now.plus(d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d);
            }
            return new Failures(n, now, wait);
        });
    }

    private Instant waitUntil(String key, Instant now) {
        Failures f = failures.get(key);
        return f == null ? now : f.waitUntil();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
