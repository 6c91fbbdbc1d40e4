package com.hazardwatch.notifications.channels;

import com.hazardwatch.notifications.Roster;

/** A way to reach a person. Implementations talk to the outside; a failed send throws with what went wrong. */
public interface Channel extends AutoCloseable {
    /** webhook, mqtt or email: the {@code channel} field on hw.notifications. */
    String name();

    /** Where this person is reached on this channel, or null when the person has no such channel. */
    String address(Roster.Person person);

    /** Sends once; returns when the other side has taken it (2xx, PUBACK, SMTP 250), throws otherwise. */
    void send(Delivery d, byte[] json) throws Exception;

    @Override
    default void close() {}
}
