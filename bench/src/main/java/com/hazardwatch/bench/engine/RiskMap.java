package com.hazardwatch.bench.engine;

import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.event.RiskLevel;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The risk map as a stream of {@link RiskChange}s leaves it: the level each source, enterprise and town was last
 * reported at, and how many changes did not continue from the level last reported for their scope and id (a lost or
 * reordered change). Everything starts blue; a change back to blue removes the entry.
 *
 * <p>How many level changes the job emits depends on the order in which alarms of different sensors reach a town's
 * board, which is not fixed once they travel over more than one channel (parallelism above 1, or the gas correlation's
 * AREA alarms joining the lifecycle); the map at the end depends only on which alarms stand at the end. Not
 * thread-safe.
 */
public final class RiskMap {
    private final Map<String, RiskLevel> levels = new HashMap<>();
    private long breaks;

    /** One change, in the order emitted for its town. */
    public void accept(RiskChange c) {
        String key = c.scope() + ":" + c.id();
        RiskLevel last = levels.getOrDefault(key, RiskLevel.BLUE);
        if (last != c.previous()) {
            breaks++;
        }
        if (c.level() == RiskLevel.BLUE) {
            levels.remove(key);
        } else {
            levels.put(key, c.level());
        }
    }

    /** Changes whose previous level was not the one last reported for their scope and id. */
    public long breaks() {
        return breaks;
    }

    /** Every scope:id not blue now, with its level, sorted. */
    public Map<String, String> notBlue() {
        Map<String, String> out = new TreeMap<>();
        levels.forEach((k, v) -> out.put(k, v.english()));
        return out;
    }

    public void clear() {
        levels.clear();
        breaks = 0;
    }

    /** Adds another map's entries (of other towns) and breaks. */
    public void addAll(RiskMap other) {
        levels.putAll(other.levels);
        breaks += other.breaks;
    }
}
