package com.hazardwatch.console;

import java.util.Map;

/**
 * What the live list shows: every field that is set must match exactly (null or blank matches everything). Town,
 * enterprise and source are catalogue ids, state an {@code AlarmState} name, type an {@code AlarmType} name.
 */
public record AlarmFilter(String town, String enterprise, String source, String state, String type) {
    public static final AlarmFilter ALL = new AlarmFilter(null, null, null, null, null);

    /** From query parameters town, enterprise, source, state, type. */
    public static AlarmFilter of(Map<String, String> q) {
        return new AlarmFilter(q.get("town"), q.get("enterprise"), q.get("source"), q.get("state"), q.get("type"));
    }

    public boolean test(AlarmView a) {
        return matches(town, a.town()) && matches(enterprise, a.enterprise()) && matches(source, a.source())
                && matches(state, a.state()) && matches(type, a.type());
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.equals(actual);
    }
}
