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
    /** A reading stamped further in the future than the job accepts (setting job.max-future): a clock gone wrong. */
    FUTURE_TIMESTAMP,
    WRONG_ENTERPRISE,
    /**
     * A SenML pack (RFC 8428) that cannot be used: empty, an element that is not a record object, a version (bver)
     * above 10, only base fields; or a record with a must-understand field (name ending in '_').
     */
    BAD_SENML,
    /**
     * An operator command on hw.commands that cannot be applied as sent: unknown command, a field of the wrong type,
     * or a field that does not belong to that command.
     */
    BAD_COMMAND,
    /** A record on hw.catalogue that is not a catalogue entry (see CatalogueJson.entryFromJson). */
    BAD_CATALOGUE_ENTRY,
    /** A shelve duration that is not a duration, not positive, or longer than the configured maximum. */
    BAD_DURATION,
    /** An MQTT message larger than the bridge accepts (setting mqtt.max-payload-bytes); rejected before it is parsed. */
    PAYLOAD_TOO_LARGE,
    /** A reading stamped further in the past than the bridge accepts (setting bridge.max-age): a clock gone wrong or a stale backlog. */
    TOO_OLD,
    /**
     * A reading with the same timestamp and value as the last one the bridge forwarded for its sensor: a gateway
     * resending (QoS 1 redelivery, a retry after a lost acknowledgement).
     */
    DUPLICATE,
    /**
     * A line InfluxDB refused to store (HTTP 400: field type conflict, unparsable line, point beyond the retention
     * policy); the detail is InfluxDB's error, the payload the line. Never retried; the rest of its batch is stored.
     */
    STORAGE_REJECTED
}
