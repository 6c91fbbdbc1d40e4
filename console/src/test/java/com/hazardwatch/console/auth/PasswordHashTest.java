package com.hazardwatch.console.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void verifiesTheRightPasswordOnly() {
        String h = PasswordHash.hash("correct horse".toCharArray(), 1000);
        assertTrue(h.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(PasswordHash.verify("correct horse".toCharArray(), h));
        assertFalse(PasswordHash.verify("correct hors".toCharArray(), h));
        assertFalse(PasswordHash.verify("".toCharArray(), h));
    }

    @Test
    void saltMakesEachHashDifferent() {
        assertNotEquals(PasswordHash.hash("same".toCharArray(), 1000), PasswordHash.hash("same".toCharArray(), 1000));
    }

    @Test
    void malformedHashesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.check("plaintext"));
        assertTrue(e.getMessage().contains("hash-password"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.check("pbkdf2-sha256$x$AAAAAAAAAAA$AAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.check("pbkdf2-sha256$1000$AAAAAAAAAAA$AAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.check("md5$1000$AAAAAAAAAAA$AAAA"));
    }

    @Test
    void theShippedDemoAccountsHaveTheDocumentedPasswords() throws Exception {
        Users users = Users.load(com.hazardwatch.testsupport.ConsoleClient.demoUsers());
        for (String name : new String[] {"viewer", "operator", "supervisor"}) {
            User u = users.find(name).orElseThrow();
            assertTrue(PasswordHash.verify((name + "-demo").toCharArray(), u.passwordHash()), name);
            assertTrue(u.role() == Role.of(name), name);
        }
    }
}
