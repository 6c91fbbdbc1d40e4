package com.hazardwatch.notifications.channels;

import com.hazardwatch.notifications.operators.Notification;

/**
 * A notification on one channel to one address.
 *
 * @param id the delivery id: key on hw.notifications, idempotency key of the webhook, Message-ID of the e-mail
 */
public record Delivery(String id, Notification notification, String channel, String address) {}
