package com.hazardwatch.jobs.risk;

/**
 * The four colours of the risk map (docs/rules.md "Risk roll-up"), from least to most severe: blue (low), yellow
 * (general), orange (large), red (major). Declaration order is severity order.
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
