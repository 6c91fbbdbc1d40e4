package com.hazardwatch.model.event;

/**
 * What an alarm is about (docs/rules.md). Limit alarms: one alarm per side of the band, which escalates H -> HH and
 * back. Codes are part of the hw.alarms contract: add, never rename.
 */
public enum AlarmType {
    HIGH_HIGH,
    HIGH,
    LOW,
    LOW_LOW,
    RATE_OF_CHANGE,
    FORECAST_HH,
    FORECAST_LL,
    STALE,
    LINK_DOWN,
    FLATLINE,
    FAULT,
    CHATTERING,
    AREA_GAS
}
