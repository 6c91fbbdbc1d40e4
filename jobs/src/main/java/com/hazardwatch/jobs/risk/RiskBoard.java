package com.hazardwatch.jobs.risk;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.event.RiskLevel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The risk map's state, a Flink POJO: the contribution of every standing alarm, per hazard source, and the levels
 * last reported for sources, enterprises and towns. {@link #apply} adds, changes or removes one alarm's contribution
 * and returns only the levels that changed because of it (source first, then enterprise, then town), so the job
 * emits changes only. Everything starts BLUE, and a BLUE level is not stored.
 *
 * <p>The source / enterprise / town hierarchy comes from {@link #of(Catalogue)} or {@link #register}; an alarm of a
 * source not registered changes only that source's level. Bounded by the standing alarms and the catalogue.
 */
public class RiskBoard {
    /** Where a level changed. */
    public enum Scope { SOURCE, ENTERPRISE, TOWN }

    /**
     * One level change. {@code score}: for a source the sum of its standing contributions, for an enterprise or a town
     * the highest such sum among its sources.
     */
    public record Change(Scope scope, String id, RiskLevel from, RiskLevel to, double score) implements Serializable {}

    /** Standing alarm id to its source id. */
    public Map<String, String> alarmSource = new HashMap<>();
    /** Standing alarm id to its contribution. */
    public Map<String, Double> alarmContribution = new HashMap<>();
    /** Source id to the number of its standing alarms (absent = none). */
    public Map<String, Integer> sourceAlarms = new HashMap<>();
    /** Source id to the sum of its standing alarms' contributions (absent = 0). */
    public Map<String, Double> sourceScore = new HashMap<>();
    /** Source id to its enterprise id. */
    public Map<String, String> sourceEnterprise = new HashMap<>();
    /** Enterprise id to its town id. */
    public Map<String, String> enterpriseTown = new HashMap<>();
    /** Levels last reported, absent = BLUE. */
    public Map<String, RiskLevel> sourceLevel = new HashMap<>();
    public Map<String, RiskLevel> enterpriseLevel = new HashMap<>();
    public Map<String, RiskLevel> townLevel = new HashMap<>();

    public RiskBoard() {}

    /** A board knowing every source, enterprise and town of the catalogue. */
    public static RiskBoard of(Catalogue catalogue) {
        RiskBoard b = new RiskBoard();
        for (Enterprise e : catalogue.enterprises()) {
            for (Source s : e.sources()) {
                b.register(s.id(), e.id(), e.town());
            }
            b.enterpriseTown.put(e.id(), e.town());
        }
        return b;
    }

    /** Places a source in its enterprise and town. */
    public void register(String sourceId, String enterpriseId, String townId) {
        sourceEnterprise.put(sourceId, enterpriseId);
        if (enterpriseId != null && townId != null) {
            enterpriseTown.put(enterpriseId, townId);
        }
    }

    /** An alarm stands (or its contribution changed) on a source. */
    public List<Change> put(String alarmId, String sourceId, double contribution) {
        return apply(alarmId, sourceId, contribution);
    }

    /** An alarm no longer stands (cleared, shelved, suppressed, out of service). */
    public List<Change> remove(String alarmId) {
        return apply(alarmId, alarmSource.get(alarmId), null);
    }

    /**
     * Sets one alarm's contribution to a source, or removes it when {@code contribution} is null, and returns the
     * level changes this caused (source, enterprise, town order). Removing an alarm that does not stand changes
     * nothing; an alarm that moves to another source leaves the old one.
     */
    public List<Change> apply(String alarmId, String sourceId, Double contribution) {
        String oldSource = alarmSource.get(alarmId);
        Double old = alarmContribution.get(alarmId);
        if (contribution == null) {
            if (oldSource == null) {
                return List.of();
            }
            alarmSource.remove(alarmId);
            alarmContribution.remove(alarmId);
            subtract(oldSource, old);
            return changes(oldSource, null);
        }
        if (sourceId == null) {
            throw new IllegalArgumentException("alarm " + alarmId + " needs a source");
        }
        if (!Double.isFinite(contribution) || contribution < 0) {
            throw new IllegalArgumentException("contribution must be a finite number >= 0, got " + contribution);
        }
        if (oldSource != null) {
            subtract(oldSource, old);
        }
        alarmSource.put(alarmId, sourceId);
        alarmContribution.put(alarmId, contribution);
        sourceAlarms.merge(sourceId, 1, Integer::sum);
        sourceScore.merge(sourceId, contribution, Double::sum);
        return changes(sourceId, oldSource != null && !oldSource.equals(sourceId) ? oldSource : null);
    }

    /**
     * One transition of an alarm of this town, as the lifecycle reports it: places its source in its enterprise and
     * town, then puts the alarm's contribution on the source if it stands, or takes it away if not.
     */
    public List<Change> take(RiskInput in, String town) {
        if (in.enterprise != null) {
            register(in.source, in.enterprise, town);
        }
        return in.stands
                ? put(in.alarmId, in.source, RiskCalculator.contribution(in.priority, in.sourceGrade))
                : remove(in.alarmId);
    }

    /** The sum of a source's standing contributions. */
    public double score(String sourceId) {
        return sourceScore.getOrDefault(sourceId, 0.0);
    }

    public RiskLevel levelOfSource(String id) {
        return sourceLevel.getOrDefault(id, RiskLevel.BLUE);
    }

    public RiskLevel levelOfEnterprise(String id) {
        return enterpriseLevel.getOrDefault(id, RiskLevel.BLUE);
    }

    public RiskLevel levelOfTown(String id) {
        return townLevel.getOrDefault(id, RiskLevel.BLUE);
    }

    private void subtract(String source, double contribution) {
        int n = sourceAlarms.getOrDefault(source, 0) - 1;
        if (n <= 0) {
            // the last alarm left: exactly 0, whatever rounding the sums carried
            sourceAlarms.remove(source);
            sourceScore.remove(source);
        } else {
            sourceAlarms.put(source, n);
            sourceScore.merge(source, -contribution, Double::sum);
        }
    }

    /** Recomputes the levels above the touched sources and reports what moved. */
    private List<Change> changes(String a, String b) {
        List<Change> sources = new ArrayList<>(2);
        List<Change> enterprises = new ArrayList<>(2);
        List<Change> towns = new ArrayList<>(2);
        TreeSet<String> touched = new TreeSet<>();
        touched.add(a);
        if (b != null) {
            touched.add(b);
        }
        TreeSet<String> touchedEnterprises = new TreeSet<>();
        for (String s : touched) {
            double score = score(s);
            if (set(sourceLevel, s, RiskCalculator.sourceLevel(score), Scope.SOURCE, score, sources)) {
                String e = sourceEnterprise.get(s);
                if (e != null) {
                    touchedEnterprises.add(e);
                }
            }
        }
        TreeSet<String> touchedTowns = new TreeSet<>();
        for (String e : touchedEnterprises) {
            RiskLevel level = RiskLevel.BLUE;
            for (Map.Entry<String, RiskLevel> sl : sourceLevel.entrySet()) {
                if (e.equals(sourceEnterprise.get(sl.getKey()))) {
                    level = RiskLevel.max(level, sl.getValue());
                }
            }
            if (set(enterpriseLevel, e, level, Scope.ENTERPRISE, highestScore(e, null), enterprises)) {
                String t = enterpriseTown.get(e);
                if (t != null) {
                    touchedTowns.add(t);
                }
            }
        }
        for (String t : touchedTowns) {
            RiskLevel level = RiskLevel.BLUE;
            for (Map.Entry<String, RiskLevel> el : enterpriseLevel.entrySet()) {
                if (t.equals(enterpriseTown.get(el.getKey()))) {
                    level = RiskLevel.max(level, el.getValue());
                }
            }
            set(townLevel, t, level, Scope.TOWN, highestScore(null, t), towns);
        }
        List<Change> out = new ArrayList<>(sources.size() + enterprises.size() + towns.size());
        out.addAll(sources);
        out.addAll(enterprises);
        out.addAll(towns);
        return out;
    }

    /** The highest source score in an enterprise (or, with enterprise null, in a town). */
    private double highestScore(String enterprise, String town) {
        double max = 0;
        for (Map.Entry<String, Double> ss : sourceScore.entrySet()) {
            String e = sourceEnterprise.get(ss.getKey());
            boolean in = enterprise != null ? enterprise.equals(e) : e != null && town.equals(enterpriseTown.get(e));
            if (in) {
                max = Math.max(max, ss.getValue());
            }
        }
        return max;
    }

    private static boolean set(Map<String, RiskLevel> levels, String id, RiskLevel to, Scope scope, double score, List<Change> out) {
        RiskLevel from = levels.getOrDefault(id, RiskLevel.BLUE);
        if (from == to) {
            return false;
        }
        if (to == RiskLevel.BLUE) {
            levels.remove(id);
        } else {
            levels.put(id, to);
        }
        out.add(new Change(scope, id, from, to, score));
        return true;
    }
}
