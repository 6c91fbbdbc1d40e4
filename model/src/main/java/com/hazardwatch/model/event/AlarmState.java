package com.hazardwatch.model.event;

/** The state an alarm is in after an event (ISA-18.2 names; acknowledgement arrives with the alarm lifecycle). */
public enum AlarmState {
    /** In alarm and not yet acknowledged. */
    ACTIVE_UNACK,
    /** Returned to normal but not acknowledged (latched). */
    RTN_UNACK
}
