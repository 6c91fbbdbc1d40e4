package com.hazardwatch.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.console.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T03:00:00Z"));
    final Users users = new Users(List.of(
            new User("viewer", "观察员", Role.VIEWER, PasswordHash.hash("viewer-pass".toCharArray(), 1000)),
            new User("operator", "值班员", Role.OPERATOR, PasswordHash.hash("operator-pass".toCharArray(), 1000))));
    final Sessions sessions = new Sessions(users, clock, Duration.ofHours(8));

    @Test
    void loginNeedsTheRightPassword() {
        assertTrue(sessions.login("operator", "wrong".toCharArray()).isEmpty());
        assertTrue(sessions.login("nobody", "operator-pass".toCharArray()).isEmpty());
        Session s = sessions.login("operator", "operator-pass".toCharArray()).orElseThrow();
        assertEquals(Role.OPERATOR, s.user().role());
        assertTrue(sessions.find(s.token()).isPresent());
        assertNotEquals(s.token(), s.csrfToken());
        assertTrue(s.token().length() >= 43, "256 random bits");
    }

    @Test
    void sessionEndsAfterTheIdleTimeoutNotWhileUsed() {
        Session s = sessions.login("viewer", "viewer-pass".toCharArray()).orElseThrow();
        clock.advance(Duration.ofHours(7));
        assertTrue(sessions.find(s.token()).isPresent(), "used after 7 h: still valid, and the use counts");
        clock.advance(Duration.ofHours(7));
        assertTrue(sessions.peek(s.token()).isPresent(), "7 h after the last use");
        clock.advance(Duration.ofHours(1));
        assertTrue(sessions.peek(s.token()).isEmpty(), "8 h after the last use it has ended");
        assertTrue(sessions.find(s.token()).isEmpty(), "and stays ended");
    }

    @Test
    void peekingDoesNotExtendTheSession() {
        Session s = sessions.login("viewer", "viewer-pass".toCharArray()).orElseThrow();
        clock.advance(Duration.ofHours(5));
        assertTrue(sessions.peek(s.token()).isPresent());
        clock.advance(Duration.ofHours(3));
        assertTrue(sessions.peek(s.token()).isEmpty(), "the live stream's checks are not use");
    }

    @Test
    void logoutEndsTheSession() {
        Session s = sessions.login("viewer", "viewer-pass".toCharArray()).orElseThrow();
        sessions.logout(s.token());
        assertTrue(sessions.find(s.token()).isEmpty());
        assertTrue(sessions.find(null).isEmpty());
    }

    @Test
    void csrfTokenMustBeTheSessionsOwn() {
        Session a = sessions.login("viewer", "viewer-pass".toCharArray()).orElseThrow();
        Session b = sessions.login("operator", "operator-pass".toCharArray()).orElseThrow();
        assertTrue(Sessions.csrfMatches(a, a.csrfToken()));
        assertFalse(Sessions.csrfMatches(a, b.csrfToken()), "another session's token");
        assertFalse(Sessions.csrfMatches(a, null), "no token");
        assertFalse(Sessions.csrfMatches(a, ""), "an empty token");
        assertFalse(Sessions.csrfMatches(a, a.token()), "the session cookie is not the CSRF token");
    }

    @Test
    void rolesAreOrdered() {
        assertTrue(Role.SUPERVISOR.atLeast(Role.OPERATOR));
        assertTrue(Role.OPERATOR.atLeast(Role.OPERATOR));
        assertFalse(Role.VIEWER.atLeast(Role.OPERATOR));
        assertFalse(Role.OPERATOR.atLeast(Role.SUPERVISOR));
        var e = assertThrows(IllegalArgumentException.class, () -> Role.of("admin"));
        assertTrue(e.getMessage().contains("viewer, operator, supervisor"), e.getMessage());
    }

    @Test
    void usersFileErrorsAreNamedAndAddedUsersAreSaved(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("users.yaml");
        Files.writeString(f, """
                users:
                  - {username: ok, name: 好, role: operator, password: "%s"}
                  - {username: bad role, role: admin, password: x}
                  - {username: nohash, role: viewer, password: secret}
                """.formatted(PasswordHash.hash("x".toCharArray(), 1000)));
        IOException e = assertThrows(IOException.class, () -> Users.load(f));
        assertTrue(e.getMessage().contains("users[1]: username 'bad role'"), e.getMessage());
        assertTrue(e.getMessage().contains("users[2] (nohash): password hash is not in the form"), e.getMessage());
        users.with(new User("li.na", "李娜", Role.SUPERVISOR, PasswordHash.hash("li-na-pass".toCharArray(), 1000))).save(f);
        Users back = Users.load(f);
        assertEquals(3, back.all().size());
        assertEquals(Role.SUPERVISOR, back.find("li.na").orElseThrow().role());
        assertEquals("李娜", back.find("li.na").orElseThrow().displayName());
        assertEquals(2, back.without("viewer").all().size());
    }
}
