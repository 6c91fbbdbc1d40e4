package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.OperatorCommand;

/**
 * What the lifecycle operator receives, keyed by {@link #owner} (the sensor; the enterprise for LINK_DOWN; the source
 * for AREA): a condition change from a rule, an operator command, or a suppression by design. A Flink POJO.
 *
 * <ul>
 *   <li>{@link Kind#CONDITION}: {@link #condition} is a RAISE, ESCALATE, DEESCALATE or CLEAR from a rule; its alarmId
 *       is {@code {owner}:{class}:{ts}} and the lifecycle keeps one open record per owner and class. {@link #town},
 *       {@link #sourceGrade} and {@link #priority} (the catalogue's priority for the sensor, or null for the default by
 *       type and grade) come with it.</li>
 *   <li>{@link Kind#COMMAND}: {@link #command} from hw.commands (or from a catalogue change of a sensor's out-of-service
 *       flag, operator {@code catalogue}).</li>
 *   <li>{@link Kind#SUPPRESS} / {@link Kind#UNSUPPRESS}: the owner's open alarm of class {@link #alarmClass} is
 *       suppressed by design (a child STALE under LINK_DOWN) or released, with {@link #reason} at {@link #ts}.</li>
 * </ul>
 */
public class LifecycleInput {
    public enum Kind { CONDITION, COMMAND, SUPPRESS, UNSUPPRESS }

    public Kind kind;
    public String owner;
    public AlarmEvent condition;
    public OperatorCommand command;
    public String alarmClass;
    public String reason;
    public long ts;
    public String town;
    public Integer sourceGrade;
    public Integer priority;

    public LifecycleInput() {}

    public static LifecycleInput condition(AlarmEvent e, String town, Integer sourceGrade, Integer priority) {
        LifecycleInput in = new LifecycleInput();
        in.kind = Kind.CONDITION;
        in.owner = ownerOf(e.alarmId());
        in.condition = e;
        in.alarmClass = classOf(e.alarmId());
        in.ts = e.ts();
        in.town = town;
        in.sourceGrade = sourceGrade;
        in.priority = priority;
        return in;
    }

    /** A command, keyed by its sensor, else by the owner part of its alarmId. */
    public static LifecycleInput command(OperatorCommand c) {
        LifecycleInput in = new LifecycleInput();
        in.kind = Kind.COMMAND;
        in.owner = c.sensor() != null ? c.sensor() : ownerOf(c.alarmId());
        in.command = c;
        in.ts = c.ts();
        return in;
    }

    public static LifecycleInput suppress(String owner, String alarmClass, String reason, long ts) {
        return layer(Kind.SUPPRESS, owner, alarmClass, reason, ts);
    }

    public static LifecycleInput unsuppress(String owner, String alarmClass, String reason, long ts) {
        return layer(Kind.UNSUPPRESS, owner, alarmClass, reason, ts);
    }

    private static LifecycleInput layer(Kind kind, String owner, String alarmClass, String reason, long ts) {
        LifecycleInput in = new LifecycleInput();
        in.kind = kind;
        in.owner = owner;
        in.alarmClass = alarmClass;
        in.reason = reason;
        in.ts = ts;
        return in;
    }

    /** The owner of an alarm id {@code {owner}:{class}:{ts}}: catalogue ids cannot contain ':'. */
    public static String ownerOf(String alarmId) {
        int i = alarmId.indexOf(':');
        return i < 0 ? alarmId : alarmId.substring(0, i);
    }

    /** The class of an alarm id: what lies between the owner and the raising ts ({@code HI}, {@code STALE}, {@code CHAT:HI}). */
    public static String classOf(String alarmId) {
        int first = alarmId.indexOf(':');
        int last = alarmId.lastIndexOf(':');
        return first < 0 || last <= first ? "" : alarmId.substring(first + 1, last);
    }

    @Override
    public String toString() {
        return kind + " " + owner + (condition != null ? " " + condition.alarmId() + " " + condition.transition()
                : command != null ? " " + command.command() + " " + command.alarmId() : " " + alarmClass + " " + reason);
    }
}
