package com.hazardwatch.jobs.risk;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.RiskLevel;

/**
 * Risk roll-up arithmetic (docs/rules.md "Risk roll-up"). Each standing alarm contributes
 * {@code priorityWeight x gradeFactor} to its hazard source:
 *
 * <ul>
 *   <li>priorityWeight: priority 1: 10, 2: 5, 3: 2, 4: 1;</li>
 *   <li>gradeFactor (GB 18218 grade of the source): 1: 4, 2: 3, 3: 2, 4: 1.5, no grade: 1.</li>
 * </ul>
 *
 * A source's level from the sum of its contributions: RED at 20 or more, ORANGE at 10 or more, YELLOW at 4 or more,
 * else BLUE. An enterprise takes the highest level of its sources, a town the highest of its enterprises.
 */
public final class RiskCalculator {
    private RiskCalculator() {}

    public static final double RED_AT = 20;
    public static final double ORANGE_AT = 10;
    public static final double YELLOW_AT = 4;

    /** Weight of an alarm priority, 1 (most urgent) to 4. */
    public static int priorityWeight(int priority) {
        return switch (priority) {
            case 1 -> 10;
            case 2 -> 5;
            case 3 -> 2;
            case 4 -> 1;
            default -> throw new IllegalArgumentException("alarm priority must be 1 to 4, got " + priority);
        };
    }

    /** Factor of a source's GB 18218 grade, 1 (most severe) to 4, or null for a source that is not a major hazard. */
    public static double gradeFactor(Integer grade) {
        if (grade == null) {
            return 1.0;
        }
        return switch (grade) {
            case 1 -> 4.0;
            case 2 -> 3.0;
            case 3 -> 2.0;
            case 4 -> 1.5;
            default -> throw new IllegalArgumentException("GB 18218 grade must be 1 to 4 or none, got " + grade);
        };
    }

    /** What one standing alarm of this priority adds to a source of this grade. */
    public static double contribution(int priority, Integer grade) {
        return priorityWeight(priority) * gradeFactor(grade);
    }

    /** A source's level from the sum of its standing alarms' contributions. */
    public static RiskLevel sourceLevel(double score) {
        if (score >= RED_AT) {
            return RiskLevel.RED;
        }
        if (score >= ORANGE_AT) {
            return RiskLevel.ORANGE;
        }
        if (score >= YELLOW_AT) {
            return RiskLevel.YELLOW;
        }
        return RiskLevel.BLUE;
    }

    /** The highest of the levels (of an enterprise's sources, or a town's enterprises); BLUE when there are none. */
    public static RiskLevel highest(Iterable<RiskLevel> levels) {
        RiskLevel max = RiskLevel.BLUE;
        for (RiskLevel l : levels) {
            max = RiskLevel.max(max, l);
        }
        return max;
    }

    /**
     * Whether an alarm in this state stands and so contributes: its condition is active (ACTIVE_UNACK, ACTIVE_ACK).
     * Returned-to-normal (latched RTN_UNACK), NORMAL, SHELVED, SUPPRESSED and OUT_OF_SERVICE alarms do not.
     */
    public static boolean stands(AlarmState state) {
        return state == AlarmState.ACTIVE_UNACK || state == AlarmState.ACTIVE_ACK;
    }
}
