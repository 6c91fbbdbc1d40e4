package com.hazardwatch.console.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login and sessions. A session is a random 256-bit token (cookie {@value #COOKIE}, HttpOnly, SameSite=Strict) held in
 * memory; it ends after {@code idleTimeout} without a request (a console restart ends every session). Each session
 * has its own CSRF token, which every state-changing request must echo.
 */
public final class Sessions {
    public static final String COOKIE = "hw_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "csrf";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Users users;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Sessions(Users users, Clock clock, Duration idleTimeout) {
        this.users = users;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** A new session when the username and password match an account, else empty (which of the two was wrong is not told). */
    public Optional<Session> login(String username, char[] password) {
        Optional<User> u = users.find(username);
        if (u.isEmpty()) {
            // spend the same time as a real check so the answer's delay does not tell which usernames exist
            PasswordHash.verify(password, DUMMY_HASH);
            return Optional.empty();
        }
        if (!PasswordHash.verify(password, u.get().passwordHash())) {
            return Optional.empty();
        }
        Session s = new Session(randomToken(), randomToken(), u.get(), clock.instant());
        sessions.put(s.token(), s);
        return Optional.of(s);
    }

    /** The session of a token, if it exists and has been used within the idle timeout; using it counts as use. */
    public Optional<Session> find(String token) {
        return peek(token).map(s -> {
            s.touch(clock.instant());
            return s;
        });
    }

    /** As {@link #find} without counting as use (the live stream checks its session this way). */
    public Optional<Session> peek(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (Duration.between(s.lastUsed(), now).compareTo(idleTimeout) >= 0) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void logout(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Whether a request's CSRF token is the session's (constant-time comparison). */
    public static boolean csrfMatches(Session s, String given) {
        return given != null && MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.UTF_8),
                given.trim().getBytes(StandardCharsets.UTF_8));
    }

    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static final String DUMMY_HASH = PasswordHash.hash("no such user".toCharArray(), PasswordHash.DEFAULT_ITERATIONS);
}
