package com.hazardwatch.model.event;

/** ISA-18.2 alarm states (docs/rules.md, "Alarm lifecycle"). */
public enum AlarmState {
    /** No condition and nothing to acknowledge: the episode has ended. */
    NORMAL,
    /** In alarm and not yet acknowledged. */
    ACTIVE_UNACK,
    /** In alarm and acknowledged by an operator. */
    ACTIVE_ACK,
    /** Returned to normal but not acknowledged (latched). */
    RTN_UNACK,
    /** Shelved by an operator until an expiry. */
    SHELVED,
    /** Suppressed by design, e.g. a child of a LINK_DOWN alarm. */
    SUPPRESSED,
    /** Taken out of service for maintenance. */
    OUT_OF_SERVICE
}
