package org.vigie.server.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes as PHC strings, {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH} (unpadded base64), so that each
 * hash carries the parameters it was made with and stronger parameters later do not lock anyone out.
 * Thread-safe.
 */
public final class Argon2id {
    /** OWASP's minimum for Argon2id (2023): 19 MiB, two passes, one lane. */
    public static final Parameters DEFAULT = new Parameters(19 * 1024, 2, 1);
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    public record Parameters(int memoryKib, int iterations, int parallelism) {
        public Parameters {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Argon2 needs memory ≥ 8 KiB per lane, ≥ 1 pass and ≥ 1 lane");
            }
        }
    }

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();
    /** Verified when an account does not exist, so a wrong name takes as long as a wrong password. */
    private final String decoy;

    public Argon2id(Parameters parameters) {
        this.parameters = parameters;
        this.decoy = hash("decoy password, never matched");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, parameters, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }

    /** Whether the password matches; false for anything that is not an Argon2id PHC string. */
    public boolean matches(String password, String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            return false;
        }
        Parameters p;
        try {
            p = new Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        return MessageDigest.isEqual(expected, derive(password, salt, p, expected.length));
    }

    /** Spends the time of one verification, for a name that has no account. */
    public void spendVerification(String password) {
        matches(password, decoy);
    }

    /** Whether a hash was made with weaker parameters than the current ones (re-hash it at the next sign-in). */
    public boolean isWeakerThanCurrent(String encoded) {
        return !encoded.startsWith("$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$");
    }

    private static byte[] derive(String password, byte[] salt, Parameters p, int length) {
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib()).withIterations(p.iterations()).withParallelism(p.parallelism())
                .withSalt(salt).build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
