package com.hazardwatch.notifications.operators;

import com.hazardwatch.notifications.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One message for one person, before it is sent on each of the person's channels.
 *
 * @param id deterministic: derived from what caused it (alarm id and transition, escalation step, flood window) and the
 *     recipient, so processing the same input again gives the same id and the dedupe drops it
 * @param alarmIds the alarms it is about (several for a GROUP)
 * @param enterprise the enterprise of the alarm(s), null when a group spans several
 * @param priority the alarm's priority (a group: the highest of its alarms, i.e. the smallest number)
 * @param at when it was decided, epoch ms
 */
public record Notification(String id, String recipient, Level level, Kind kind, List<String> alarmIds, String enterprise,
        int priority, String subject, String text, long at) {

    public Notification {
        alarmIds = List.copyOf(alarmIds);
    }

    /** A short stable id (n + 20 hex digits of SHA-256) for these parts. */
    public static String idOf(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
            return "n" + HexFormat.of().formatHex(h, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of this notification's delivery on one channel: the key on hw.notifications and the idempotency key. */
    public String deliveryId(String channel) {
        return id + "-" + channel;
    }
}
