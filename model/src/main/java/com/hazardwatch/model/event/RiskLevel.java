package com.hazardwatch.model.event;

/**
 * The four colours of the risk map (docs/rules.md "Risk roll-up"), from least to most severe: blue (low), yellow
 * (general), orange (large), red (major). Declaration order is severity order. On hw.risk and in InfluxDB a level is
 * written by its English name ({@link #english()}: blue, yellow, orange, red) and ranked by {@link #rank()} (0..3).
 */
public enum RiskLevel {
    BLUE("蓝", "blue"),
    YELLOW("黄", "yellow"),
    ORANGE("橙", "orange"),
    RED("红", "red");

    private final String chinese;
    private final String english;

    RiskLevel(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /** The colour's Chinese name: 蓝, 黄, 橙, 红. */
    public String chinese() {
        return chinese;
    }

    /** The colour's English name: blue, yellow, orange, red. */
    public String english() {
        return english;
    }

    /** Severity rank: blue 0, yellow 1, orange 2, red 3. */
    public int rank() {
        return ordinal();
    }

    /** The level of an English name (blue, yellow, orange, red; case ignored). */
    public static RiskLevel ofEnglish(String name) {
        for (RiskLevel l : values()) {
            if (l.english.equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("not a risk level: '" + name + "' (blue, yellow, orange or red)");
    }

    public boolean isAtLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }

    /** The more severe of two levels (a null counts as BLUE). */
    public static RiskLevel max(RiskLevel a, RiskLevel b) {
        if (a == null) {
            return b == null ? BLUE : b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
