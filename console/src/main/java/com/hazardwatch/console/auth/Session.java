package com.hazardwatch.console.auth;

import java.time.Instant;

/**
 * A logged-in user: the session token (the HttpOnly cookie), the CSRF token every POST must carry, and when it was
 * last used (sessions end after console.session-timeout without use).
 */
public final class Session {
    private final String token;
    private final String csrfToken;
    private final User user;
    private final Instant created;
    private volatile Instant lastUsed;

    Session(String token, String csrfToken, User user, Instant created) {
        this.token = token;
        this.csrfToken = csrfToken;
        this.user = user;
        this.created = created;
        this.lastUsed = created;
    }

    public String token() {
        return token;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public User user() {
        return user;
    }

    public Instant created() {
        return created;
    }

    public Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }
}
