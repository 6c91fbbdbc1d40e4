package com.hazardwatch.model.event;

/** What an alarm is about. Limit alarms: one alarm per side of the band, which escalates H -> HH and back. */
public enum AlarmType {
    HIGH_HIGH,
    HIGH,
    LOW,
    LOW_LOW
}
