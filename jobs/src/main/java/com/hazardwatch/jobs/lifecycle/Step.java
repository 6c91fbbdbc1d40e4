package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.LifecycleEvent;

import com.hazardwatch.model.event.AlarmState;
import java.util.List;

/**
 * The result of one lifecycle function: the record's new state and the events to emit.
 *
 * <ul>
 *   <li>{@link Outcome#APPLIED}: {@code record} is a new record (the input is never modified); {@code events} holds
 *       the transition(s). When {@link #ended()} the episode is over and the job deletes the record.</li>
 *   <li>{@link Outcome#REJECTED}: an operator command that cannot be applied; {@code record} is the input, unchanged
 *       (null for an unknown alarm); {@code events} holds one REJECTED event answering the operator, and
 *       {@code reason} says why.</li>
 *   <li>{@link Outcome#IGNORED}: an engine call with nothing to do (a shelf timer firing for an alarm no longer
 *       shelved, a clear of a condition already clear, ...); {@code record} is the input, no events.</li>
 * </ul>
 */
public record Step(Outcome outcome, AlarmRecord record, List<LifecycleEvent> events, String reason) {
    public enum Outcome {
        APPLIED,
        REJECTED,
        IGNORED
    }

    public Step {
        events = List.copyOf(events);
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }

    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }

    public boolean ignored() {
        return outcome == Outcome.IGNORED;
    }

    /** True when this step ended the episode: the record is NORMAL and can be deleted. */
    public boolean ended() {
        return outcome == Outcome.APPLIED && record != null && record.state == AlarmState.NORMAL;
    }

    /** The only event of this step; fails when there is not exactly one. */
    public LifecycleEvent event() {
        if (events.size() != 1) {
            throw new IllegalStateException("step has " + events.size() + " events, not one: " + events);
        }
        return events.get(0);
    }
}
