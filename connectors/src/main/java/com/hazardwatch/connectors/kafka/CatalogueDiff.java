package com.hazardwatch.connectors.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.CatalogueJson;
import com.hazardwatch.model.catalogue.Sensor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a catalogue push publishes: the difference between the entries in force on the catalogue topic and a catalogue
 * file. A sensor of the file that is new (or removed on the topic) is added, one whose definition differs is changed,
 * one in force on the topic but not in the file gets a removal; every one of these is an entry at the push's revision.
 *
 * @param added entries of sensors that were not in force on the topic, in catalogue order
 * @param changed entries of sensors whose definition differs, in catalogue order, each with what changed
 * @param removed removal entries, by sensor id
 * @param unchanged how many sensors of the file are in force on the topic as they are
 * @param revision the revision of every entry of this diff
 */
public record CatalogueDiff(List<CatalogueEntry> added, List<Change> changed, List<CatalogueEntry> removed, int unchanged,
        long revision) {

    /** A changed sensor: its new entry and what differs, one "field old -> new" per field, e.g. "limits.hh 95 -> 90". */
    public record Change(CatalogueEntry entry, List<String> fields) {}

    /**
     * The diff of a catalogue against what is in force on the topic.
     *
     * @param onTopic the latest entry per sensor on the topic ({@link CatalogueTopic#readAll}), removals included
     * @param revision the revision to give every entry, see {@link #nextRevision}
     */
    public static CatalogueDiff between(Map<String, CatalogueEntry> onTopic, Catalogue file, long revision) {
        List<CatalogueEntry> added = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        int unchanged = 0;
        for (Sensor s : file.sensors()) {
            CatalogueEntry held = onTopic.get(s.id());
            if (held == null || held.removed()) {
                added.add(CatalogueEntry.of(s, revision));
            } else {
                List<String> fields = changes(held.sensor(), s);
                if (fields.isEmpty()) {
                    unchanged++;
                } else {
                    changed.add(new Change(CatalogueEntry.of(s, revision), fields));
                }
            }
        }
        List<CatalogueEntry> removed = new ArrayList<>();
        onTopic.values().stream()
                .filter(e -> !e.removed() && file.sensor(e.sensorId()).isEmpty())
                .sorted(java.util.Comparator.comparing(CatalogueEntry::sensorId))
                .forEach(e -> removed.add(CatalogueEntry.removal(e.sensorId(), e.enterprise(), revision)));
        return new CatalogueDiff(List.copyOf(added), List.copyOf(changed), List.copyOf(removed), unchanged, revision);
    }

    /** A revision later than every one on the topic: now, or one more than the highest there when the clock is behind. */
    public static long nextRevision(Map<String, CatalogueEntry> onTopic, long nowMillis) {
        long highest = onTopic.values().stream().mapToLong(CatalogueEntry::revision).max().orElse(0);
        return Math.max(nowMillis, highest + 1);
    }

    /** Every entry to publish: added, changed, removed. */
    public List<CatalogueEntry> entries() {
        List<CatalogueEntry> all = new ArrayList<>(added);
        changed.forEach(c -> all.add(c.entry()));
        all.addAll(removed);
        return all;
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** "N added, M changed, K removed, U unchanged". */
    public String counts() {
        return added.size() + " added, " + changed.size() + " changed, " + removed.size() + " removed, " + unchanged + " unchanged";
    }

    /** One line per sensor of the diff: "E01-LT101 limits.hh 95 -> 90", "E01-LT102 added", "E01-LT103 removed". */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        added.forEach(e -> lines.add(e.sensorId() + " added"));
        changed.forEach(c -> lines.add(c.entry().sensorId() + " " + String.join(", ", c.fields())));
        removed.forEach(e -> lines.add(e.sensorId() + " removed"));
        return lines;
    }

    /** Whether two definitions are the same as the catalogue topic carries them. */
    public static boolean sameDefinition(Sensor a, Sensor b) {
        return a == b || (a != null && b != null && CatalogueJson.toTree(a).equals(CatalogueJson.toTree(b)));
    }

    /**
     * What differs between two definitions of a sensor, field by field as the catalogue JSON names them ("limits.hh",
     * "range.max", "rules.onDelayMs"), as "field old -> new" with "-" for an unset value; empty when they are the same.
     */
    public static List<String> changes(Sensor before, Sensor after) {
        Map<String, JsonNode> old = flatten(CatalogueJson.toTree(before));
        Map<String, JsonNode> now = flatten(CatalogueJson.toTree(after));
        Set<String> fields = new LinkedHashSet<>(now.keySet());
        fields.addAll(old.keySet());
        List<String> changes = new ArrayList<>();
        for (String f : fields) {
            JsonNode a = old.get(f);
            JsonNode b = now.get(f);
            if (!Objects.equals(a, b)) {
                changes.add(f + " " + show(a) + " -> " + show(b));
            }
        }
        return changes;
    }

    private static Map<String, JsonNode> flatten(JsonNode tree) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", tree, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (!node.isObject()) {
            out.put(prefix, node);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
        }
    }

    private static String show(JsonNode v) {
        if (v == null || v.isNull()) {
            return "-";
        }
        if (v.isNumber()) {
            return BigDecimal.valueOf(v.doubleValue()).stripTrailingZeros().toPlainString();
        }
        return v.isTextual() ? v.toString() : v.asText();
    }
}
