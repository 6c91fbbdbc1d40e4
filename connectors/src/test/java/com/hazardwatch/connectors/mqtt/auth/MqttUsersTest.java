package com.hazardwatch.connectors.mqtt.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.testsupport.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttUsersTest {
    /** Written by mosquitto_passwd 2.0.11: mosquitto_passwd -c -b pw alice secret. */
    static final String MOSQUITTO_PASSWD_LINE =
            "alice:$7$101$Uxy5FPUjEI2MgAdF$tXOj6KgeOikzHISJtKtYvb8CxMFt+Xj5zRBJ5lo58y6m6ocUN86bxXQDKDjbfwFR8WSLagDBv4GeBiAx3sMVMg==";

    @Test
    void hashesLikeMosquittoPasswd() {
        String field = MOSQUITTO_PASSWD_LINE.substring("alice:".length());
        assertTrue(MosquittoPasswords.verify("secret", field));
        assertFalse(MosquittoPasswords.verify("Secret", field));
        byte[] salt = Base64.getDecoder().decode("Uxy5FPUjEI2MgAdF");
        assertEquals(field, MosquittoPasswords.hash("secret", salt, 101));
    }

    @Test
    void freshHashHasMosquittoShape() {
        String line = MosquittoPasswords.line("gw-E01", "pw");
        assertTrue(line.matches("gw-E01:\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}=="), line);
        assertTrue(MosquittoPasswords.verify("pw", line.substring(7)));
        assertNotEquals(MosquittoPasswords.hash("pw"), MosquittoPasswords.hash("pw"), "a fresh salt each time");
    }

    @Test
    void catalogueGivesOneGatewayPerEnterpriseAndTheServiceUsers() throws Exception {
        Catalogue c = CatalogueLoader.load(RepoFiles.demoCatalogue());
        MqttUsers users = new MqttUsers();
        assertEquals(c.enterprises().size() + 3, users.addForCatalogue(c).size());
        assertTrue(users.addForCatalogue(c).isEmpty(), "a second init adds nothing");
        String acl = users.acl("hw");
        assertTrue(acl.contains("\nuser gw-E01\ntopic write hw/E01/#\n"), acl);
        assertTrue(acl.contains("\nuser hw-bridge\ntopic read hw/#\n"), acl);
        assertTrue(acl.contains("\nuser hw-alerts\ntopic write hw/alerts/#\n"), acl);
        assertTrue(acl.contains("\nuser hw-sim\ntopic write hw/#\n"), acl);
        assertFalse(acl.contains("readwrite"), acl);
    }

    @Test
    void storesOwnerOnlyAndReadsBack(@TempDir Path dir) throws Exception {
        MqttUsers users = new MqttUsers();
        users.addIfMissing("gw-E07", MqttUsers.defaultRole("gw-E07"));
        users.addIfMissing("hw-bridge", "bridge");
        Path f = dir.resolve("secrets/mqtt-users.txt");
        users.save(f);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        MqttUsers back = MqttUsers.load(f);
        assertEquals(users.users(), back.users());
        assertEquals("E07", back.get("gw-E07").enterprise());
    }

    @Test
    void refusesBadNamesAndRoles() {
        assertThrows(IllegalArgumentException.class, () -> new MqttUsers.User("a:b", "bridge", "x"));
        assertThrows(IllegalArgumentException.class, () -> new MqttUsers.User("ok", "admin", "x"));
        assertThrows(IllegalArgumentException.class, () -> MqttUsers.defaultRole("alice"));
    }
}
