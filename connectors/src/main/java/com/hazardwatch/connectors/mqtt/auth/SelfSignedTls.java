package com.hazardwatch.connectors.mqtt.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private test CA and a server certificate it signed, for a TLS listener on this machine (CN and subjectAltName
 * localhost and 127.0.0.1), made with the {@code openssl} command: {@code ca.crt} (give it to clients:
 * {@code mqtt.ca-file}), {@code ca.key}, {@code server.crt}, {@code server.key} in one directory. For tests and local
 * stacks; a real deployment uses certificates from its own CA.
 */
public final class SelfSignedTls {
    /** The four files. */
    public record Files4(Path caCert, Path caKey, Path serverCert, Path serverKey) {}

    private SelfSignedTls() {}

    public static Files4 paths(Path dir) {
        return new Files4(dir.resolve("ca.crt"), dir.resolve("ca.key"), dir.resolve("server.crt"), dir.resolve("server.key"));
    }

    /** Creates the CA and the server certificate in dir (replacing what is there), valid for days days. */
    public static Files4 create(Path dir, int days) throws IOException {
        Files.createDirectories(dir);
        Files4 f = paths(dir);
        Path csr = dir.resolve("server.csr");
        Path ext = dir.resolve("server.ext");
        Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n", StandardCharsets.US_ASCII);
        String d = Integer.toString(days);
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", d,
                "-subj", "/CN=HazardWatch test CA", "-keyout", f.caKey().toString(), "-out", f.caCert().toString(),
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", "/CN=localhost",
                "-keyout", f.serverKey().toString(), "-out", csr.toString());
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", f.caCert().toString(), "-CAkey", f.caKey().toString(),
                "-CAcreateserial", "-days", d, "-sha256", "-extfile", ext.toString(), "-out", f.serverCert().toString());
        Files.deleteIfExists(csr);
        Files.deleteIfExists(ext);
        Files.deleteIfExists(dir.resolve("ca.srl"));
        return f;
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run openssl (" + e.getMessage() + "); install it: apt-get install openssl", e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("openssl " + args[0] + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed (exit " + p.exitValue() + "): " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running openssl", e);
        }
    }
}
