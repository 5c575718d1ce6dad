package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.store.Fixtures.at;

import org.junit.jupiter.api.Test;

/** The sessions table of V8, on both engines: kept by token hash, touched forward only, deleted, purged. */
class SessionStoreTest extends OnBothEngines {
    @Test
    void sessionsAreKeptTouchedDeletedAndPurged() {
        var s = store.sessions();
        var a = new SessionRepository.StoredSession("a".repeat(64), "ana", "operator", "csrf-a", at(0), at(0));
        var b = new SessionRepository.StoredSession("b".repeat(64), "bob", "supervisor", "csrf-b", at(0), at(0));
        var c = new SessionRepository.StoredSession("c".repeat(64), "bob", "supervisor", "csrf-c", at(100), at(100));
        s.insert(a);
        s.insert(b);
        s.insert(c);
        assertThat(s.find("a".repeat(64))).contains(a);
        s.touch(a.tokenHash(), at(50));
        s.touch(a.tokenHash(), at(40)); // a slower request finishing later does not move it back
        assertThat(s.find(a.tokenHash()).orElseThrow().lastUsed()).isEqualTo(at(50));
        assertThat(s.deleteAllOf("bob")).isEqualTo(2);
        s.insert(b);
        assertThat(s.delete(b.tokenHash())).isTrue();
        assertThat(s.delete(b.tokenHash())).isFalse();
        s.insert(c);
        // a: used at 50, opened at 0; c: used and opened at 100.
        assertThat(s.purge(at(49), at(-1))).isZero();
        assertThat(s.purge(at(60), at(-1))).isEqualTo(1);
        assertThat(s.find(a.tokenHash())).isEmpty();
        assertThat(s.purge(at(0), at(100))).isEqualTo(1);
        assertThat(s.count()).isZero();
    }
}
