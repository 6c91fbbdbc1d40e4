package com.hazardwatch.model.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Resolved settings: defaults from {@link HwOptions}, overridden by a properties file, overridden by explicit
 * key=value pairs. An unknown key fails at once, naming the nearest known key, so a typo never goes unnoticed.
 * Serializable (plain strings) so a Flink job can carry it.
 */
public final class Settings implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    public static Settings defaults() {
        return of(Map.of());
    }

    public static Settings of(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Option<?> o : HwOptions.ALL) {
            v.put(o.key(), o.defaultText());
        }
        List<String> unknown = new ArrayList<>();
        overrides.forEach((k, val) -> {
            if (!v.containsKey(k)) {
                unknown.add(k);
            } else {
                v.put(k, val);
            }
        });
        if (!unknown.isEmpty()) {
            StringBuilder sb = new StringBuilder("unknown setting");
            for (String k : unknown) {
                sb.append("\n  ").append(k).append(" (did you mean ").append(nearest(k)).append("?)");
            }
            throw new IllegalArgumentException(sb.toString());
        }
        Settings s = new Settings(v);
        for (Option<?> o : HwOptions.ALL) {
            s.get(o); // every value must parse now, not when first used
        }
        return s;
    }

    /** Reads a properties file (if it exists) and applies overrides on top. */
    public static Settings load(Path file, Map<String, String> overrides) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> merged.put(k, p.getProperty(k).trim()));
        }
        merged.putAll(overrides);
        try {
            return of(merged);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((file == null ? "" : file + ": ") + e.getMessage(), e);
        }
    }

    public <T> T get(Option<T> option) {
        return option.parse(values.get(option.key()));
    }

    public Settings with(Option<?> option, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put(option.key(), value);
        return of(v);
    }

    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    private static String nearest(String key) {
        return HwOptions.ALL.stream().map(Option::key)
                .min(Comparator.comparingInt(k -> distance(k, key))).orElse("?");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
