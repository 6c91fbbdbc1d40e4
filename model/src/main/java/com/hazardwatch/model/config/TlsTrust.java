package com.hazardwatch.model.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS trust for clients of HazardWatch's services: a socket factory that trusts exactly the certificate authorities
 * of one PEM file (e.g. the CA of {@code bin/hazardwatch users tls-selfsigned}), so a test or a private deployment
 * needs no change to the JVM's truststore. Plain JDK, so every module can use it.
 */
public final class TlsTrust {
    private TlsTrust() {}

    /**
     * A socket factory trusting the CA certificates in {@code caFile} (PEM or DER, one or more certificates).
     *
     * @throws IllegalArgumentException naming the file when it is missing or holds no certificate
     */
    public static SSLSocketFactory socketFactory(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("CA file " + caFile + " holds no certificate; give a PEM file with the CA"
                        + " certificate (e.g. $HAZARDWATCH_HOME/secrets/tls/ca.crt from bin/hazardwatch users tls-selfsigned)");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("CA file " + caFile + " does not exist; create it with"
                    + " 'bin/hazardwatch users tls-selfsigned' or point the setting at your CA's PEM file", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read CA file " + caFile + ": " + e.getMessage()
                    + " (expected X.509 certificates in PEM)", e);
        }
    }

    /** The socket factory for an MQTT URL: for {@code ssl://} with a CA file set, one trusting it; otherwise null (Paho's default). */
    public static SSLSocketFactory forMqtt(String url, String caFile) {
        if (caFile == null || caFile.isBlank() || url == null || !url.startsWith("ssl://")) {
            return null;
        }
        return socketFactory(Path.of(caFile));
    }
}
