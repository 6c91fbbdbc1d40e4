package com.hazardwatch.connectors.mqtt.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in Mosquitto 2.0's password-file format, as {@code mosquitto_passwd} writes them:
 * {@code user:$7$ITERATIONS$SALT$HASH}, where 7 means PBKDF2-HMAC-SHA512, SALT is 12 random bytes and HASH the 64-byte
 * derived key, both in standard Base64 with padding; mosquitto_passwd uses 101 iterations (src/password_mosq.c).
 */
public final class MosquittoPasswords {
    /** Iterations mosquitto_passwd 2.0 uses. */
    public static final int ITERATIONS = 101;
    static final int SALT_BYTES = 12;
    static final int HASH_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoPasswords() {}

    /** The hash field ({@code $7$101$...$...}) of a password, with a fresh random salt. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    static String hash(String password, byte[] salt, int iterations) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /** One line of a password file. */
    public static String line(String user, String password) {
        if (user.contains(":") || user.isBlank()) {
            throw new IllegalArgumentException("MQTT user name '" + user + "' cannot go into a password file: it must be non-blank without ':'");
        }
        return user + ":" + hash(password);
    }

    /** Whether password matches a {@code $7$} hash field (as Mosquitto checks it). */
    public static boolean verify(String password, String hashField) {
        String[] p = hashField.split("\\$");
        // "", "7", iterations, salt, hash
        if (p.length != 5 || !p[1].equals("7")) {
            throw new IllegalArgumentException("not a Mosquitto $7$ (PBKDF2-SHA512) hash: " + hashField);
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] salt = b64.decode(p[3]);
        byte[] expected = b64.decode(p[4]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(p[2])));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        // PBEKeySpec takes chars; PBKDF2WithHmacSHA512 encodes them as UTF-8, as mosquitto hashes the password bytes
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no PBKDF2WithHmacSHA512", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A random password: 24 characters of URL-safe Base64 (144 bits). */
    public static String generate() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return new String(Base64.getUrlEncoder().withoutPadding().encode(b), StandardCharsets.US_ASCII);
    }
}
