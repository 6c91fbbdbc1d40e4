package com.hazardwatch.console.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes of console accounts: PBKDF2WithHmacSHA256 from the JDK, a random 16-byte salt, 256-bit key, written
 * as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in base64). Verification takes constant time.
 */
public final class PasswordHash {
    private PasswordHash() {}

    public static final String SCHEME = "pbkdf2-sha256";
    /**
     * Iterations of new hashes: about 0.3 s per login on a 2-core machine (600,000, OWASP's 2023 figure, took over a
     * second there); {@code console hash-password --iterations N} makes stronger ones, which verify just the same.
     */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(char[] password, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, found " + iterations);
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] key = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** Whether the password matches the stored hash; a malformed hash throws (the users file is wrong, not the user). */
    public static boolean verify(char[] password, String stored) {
        String[] p = parse(stored);
        int iterations = Integer.parseInt(p[1]);
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] expected = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    /** Checks the form of a stored hash; the message says what is wrong. */
    public static void check(String stored) {
        parse(stored);
    }

    private static String[] parse(String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        String form = "expected " + SCHEME + "$ITERATIONS$SALT$HASH (make one with: bin/hazardwatch console hash-password)";
        if (p.length != 4 || !SCHEME.equals(p[0])) {
            throw new IllegalArgumentException("password hash is not in the form " + form);
        }
        try {
            if (Integer.parseInt(p[1]) < 1) {
                throw new IllegalArgumentException("password hash: iterations must be at least 1; " + form);
            }
            if (Base64.getDecoder().decode(p[2]).length < 8 || Base64.getDecoder().decode(p[3]).length != KEY_BITS / 8) {
                throw new IllegalArgumentException("password hash: salt or hash has the wrong length; " + form);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password hash: iterations '" + p[1] + "' is not a number; " + form);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("password hash")) {
                throw e;
            }
            throw new IllegalArgumentException("password hash: salt or hash is not base64; " + form);
        }
        return p;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
