package com.hazardwatch.connectors.kafka;

import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.Reading;
import java.io.Serializable;

/** A record read from hw.readings: either a reading or the reason it is not one. Exactly one field is set. */
public record ReadingOrReject(Reading reading, DeadLetter rejected) implements Serializable {}
