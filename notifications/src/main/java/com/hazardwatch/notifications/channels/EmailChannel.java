package com.hazardwatch.notifications.channels;

import com.hazardwatch.notifications.Roster;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail, Eclipse Angus): subject and text of the notification in UTF-8; the delivery id is the
 * Message-ID ({@code <id@hazardwatch>}) and header {@code X-HazardWatch-Notification-Id}, so a second copy can be told.
 */
public final class EmailChannel implements Channel {
    public static final String ID_HEADER = "X-HazardWatch-Notification-Id";
    private final Session session;
    private final InternetAddress from;

    public EmailChannel(String host, int port, String from, String user, String password, boolean starttls, long timeoutMillis)
            throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", Long.toString(timeoutMillis));
        p.put("mail.smtp.timeout", Long.toString(timeoutMillis));
        p.put("mail.smtp.writetimeout", Long.toString(timeoutMillis));
        if (starttls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (!user.isEmpty()) {
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(p, auth);
        this.from = new InternetAddress(from, true);
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String address(Roster.Person p) {
        return p.email();
    }

    @Override
    public void send(Delivery d, byte[] json) throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + d.id() + "@hazardwatch>");
            }
        };
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(d.address(), true));
        m.setSubject(d.notification().subject(), "UTF-8");
        m.setText(d.notification().text(), "UTF-8");
        m.setHeader(ID_HEADER, d.id());
        Transport.send(m);
    }
}
