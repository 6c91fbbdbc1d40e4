package com.hazardwatch.connectors.kafka;

import com.hazardwatch.model.event.DeadLetter;
import java.io.Serializable;

/** A Kafka record decoded: either the value or why it is not one (for hw.dlq). Exactly one field is set. */
public record Decoded<T>(T value, DeadLetter rejected) implements Serializable {}
