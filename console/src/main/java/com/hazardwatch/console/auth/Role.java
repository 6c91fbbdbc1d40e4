package com.hazardwatch.console.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a console account may do. Each role may do everything the ones before it may: a viewer reads, an operator also
 * acknowledges, shelves, unshelves and comments, a supervisor also takes sensors out of service and back.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    SUPERVISOR;

    /** The role's name in users.yaml and on screen: viewer, operator, supervisor. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Role of(String code) {
        for (Role r : values()) {
            if (r.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + code + "'; valid roles: " + codes());
    }

    public static String codes() {
        return Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "));
    }
}
