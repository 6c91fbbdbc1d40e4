package com.hazardwatch.model.event;

/** Why an alarm event was emitted. */
public enum AlarmTransition {
    /** The alarm came into being. */
    RAISE,
    /** The same alarm moved to a more severe limit (H to HH, L to LL). */
    ESCALATE,
    /** The same alarm moved back to a less severe limit (HH to H, LL to L) without clearing. */
    DEESCALATE,
    /** The value returned past limit minus deadband: the alarm ended. */
    CLEAR
}
