package com.hazardwatch.notifications;

/** Who is notified, in escalation order: the enterprise's safety officer, the town's duty officer, the district command centre. */
public enum Level {
    ENTERPRISE("企业安全员", "enterprise safety officer"),
    TOWN("镇（街道）值班员", "town duty officer"),
    DISTRICT("区应急指挥中心", "district command centre");

    private final String chinese;
    private final String english;

    Level(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /** The level an unacknowledged alarm escalates to, or null above the district. */
    public Level next() {
        return this == DISTRICT ? null : values()[ordinal() + 1];
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}
