package org.vigie.server.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * The keys that may create requests. A candidate is compared with every key, always all of them, through
 * SHA-256 digests of equal length with {@link MessageDigest#isEqual}: the time an answer takes says nothing
 * about how much of a key was right, nor which key was close.
 */
final class ApiKeys {
    private final List<byte[]> digests;

    ApiKeys(Collection<String> keys) {
        this.digests = keys.stream().filter(k -> k != null && !k.isEmpty()).map(ApiKeys::sha256).toList();
    }

    boolean accepts(String candidate) {
        byte[] d = sha256(candidate == null ? "" : candidate);
        boolean match = false;
        for (byte[] key : digests) {
            match |= MessageDigest.isEqual(key, d);
        }
        return match && candidate != null && !candidate.isEmpty();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
