package com.hazardwatch.model.event;

/** Why input went to hw.dlq. Codes are part of the hw.dlq contract: add, never rename. */
public enum RejectReason {
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    NON_NUMERIC_VALUE,
    NON_FINITE_VALUE,
    BAD_TIMESTAMP,
    BAD_QUALITY,
    BAD_TOPIC,
    UNKNOWN_SENSOR,
    WRONG_ENTERPRISE
}
