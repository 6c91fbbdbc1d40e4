package com.hazardwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.json.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The notification log: every record of hw.notifications ({"id","recipient","level","channel","alarmIds","kind",
 * "subject","text","status","attempt","error","at"}), the newest {@link #MAX} kept, shown newest first. Each record is
 * kept as it was read, plus {@code offset}, so a field added to the contract is shown without a change here.
 */
public final class NotificationLog {
    public static final int MAX = 20_000;
    private final Deque<ObjectNode> records = new ArrayDeque<>();

    /** Adds one record's value; a value that is not a JSON object throws with the reason. */
    public synchronized void add(String key, byte[] value, long offset) throws IOException {
        JsonNode n = Json.mapper().readTree(value);
        if (n == null || !n.isObject()) {
            throw new IOException("a notification is a JSON object, found " + (n == null ? "nothing" : n.getNodeType()));
        }
        ObjectNode o = (ObjectNode) n;
        if (!o.hasNonNull("id") && key != null) {
            o.put("id", key);
        }
        o.put("offset", offset);
        records.addLast(o);
        while (records.size() > MAX) {
            records.removeFirst();
        }
    }

    /** Newest first (by "at", then by arrival), at most limit. */
    public synchronized List<ObjectNode> newestFirst(int limit) {
        List<ObjectNode> l = new ArrayList<>(records);
        java.util.Collections.reverse(l);
        l.sort(Comparator.comparingLong((ObjectNode o) -> o.path("at").asLong(0)).reversed());
        return l.size() > limit ? List.copyOf(l.subList(0, limit)) : l;
    }
}
