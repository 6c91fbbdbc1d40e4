package com.hazardwatch.model.event;

/** Why an alarm event was emitted. Codes are part of the hw.alarms contract: add, never rename. */
public enum AlarmTransition {
    /** The alarm came into being. */
    RAISE,
    /** The same alarm moved to a more severe limit (H to HH, L to LL). */
    ESCALATE,
    /** The same alarm moved back to a less severe limit (HH to H, LL to L) without clearing. */
    DEESCALATE,
    /** The condition ended (value back past limit minus deadband, data again, ...). */
    CLEAR,
    /** The condition came back while the alarm was still latched (RTN_UNACK to ACTIVE_UNACK). */
    RETURN,
    /** An operator acknowledged it. */
    ACK,
    /** An operator shelved it until an expiry. */
    SHELVE,
    /** An operator unshelved it, or its shelf expired. */
    UNSHELVE,
    /** Suppressed by design (e.g. its enterprise's link is down). */
    SUPPRESS,
    /** The reason for suppression ended. */
    UNSUPPRESS,
    /** An operator took the sensor out of service. */
    OUT_OF_SERVICE,
    /** An operator put the sensor back in service. */
    IN_SERVICE,
    /** An operator command that could not be applied; the event says why. */
    REJECTED
}
