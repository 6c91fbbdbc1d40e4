package com.hazardwatch.notifications.operators;

/** What a notification is about: one alarm, an unacknowledged alarm passed to the next level, or a flood's summary. */
public enum Kind {
    ALARM,
    ESCALATION,
    GROUP
}
