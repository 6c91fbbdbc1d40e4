package com.hazardwatch.simulators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Groups the readings of a {@link TrafficPlan} into SenML packs, the way a gateway batches the points it polls: per
 * enterprise (the topic {@code {root}/{enterprise}/pack} names it, so readings of different enterprises never share a
 * pack), up to {@code k} readings a pack. A pack goes out when it is full, or when its oldest reading has waited
 * {@link #MAX_WAIT}, whichever comes first. Deterministic, like the plan: no clock, no broker.
 *
 * <p>Packing changes only the transport: every reading of the plan due before the end is in exactly one pack, with
 * its planned time and value, except the slots a scenario silenced ({@link TrafficPlan.Reading#silenced()}), which are
 * skipped and counted ({@link #silencedCount()}).
 */
public final class Packer {
    /** How long a reading may wait in a pack that is not full yet. */
    public static final Duration MAX_WAIT = Duration.ofMillis(100);

    /**
     * One SenML pack to publish.
     *
     * @param dueNanos when to publish it, as an offset from the start: when it filled up, or its oldest reading's due
     *     time plus {@link #MAX_WAIT} (at most the end of the run)
     * @param readings in due order, all of {@code enterprise}
     */
    public record Pack(String enterprise, String topic, long dueNanos, List<TrafficPlan.Reading> readings) {
        public Pack {
            readings = List.copyOf(readings);
        }

        /** This pack with only the readings due at or before {@code nanos}, or null when none is. */
        public Pack upTo(long nanos) {
            List<TrafficPlan.Reading> due = readings.stream().filter(r -> r.dueNanos() <= nanos).toList();
            return due.isEmpty() ? null : due.size() == readings.size() ? this : new Pack(enterprise, topic, dueNanos, due);
        }
    }

    private static final class Buffer {
        final String enterprise;
        final String topic;
        final List<TrafficPlan.Reading> readings = new ArrayList<>();

        Buffer(String enterprise, String topic) {
            this.enterprise = enterprise;
            this.topic = topic;
        }
    }

    private final TrafficPlan plan;
    private final String topicRoot;
    private final int k;
    private final long maxWaitNanos;
    private final long endNanos;
    private final Map<String, Buffer> buffers = new HashMap<>();
    /** Non-empty buffers, the one holding the oldest reading first (they fill in time order). */
    private final LinkedHashSet<Buffer> waiting = new LinkedHashSet<>();
    private TrafficPlan.Reading pending;
    private boolean planDone;
    private long silenced;

    /**
     * @param k readings per pack at most, at least 1
     * @param endNanos readings due at or after this offset are left out (Long.MAX_VALUE: never ends)
     */
    public Packer(TrafficPlan plan, String topicRoot, int k, long endNanos) {
        this(plan, topicRoot, k, MAX_WAIT.toNanos(), endNanos);
    }

    Packer(TrafficPlan plan, String topicRoot, int k, long maxWaitNanos, long endNanos) {
        if (k < 1) {
            throw new IllegalArgumentException("pack size " + k + " is not accepted; use 1 or more");
        }
        this.plan = plan;
        this.topicRoot = topicRoot;
        this.k = k;
        this.maxWaitNanos = maxWaitNanos;
        this.endNanos = endNanos;
    }

    /** The topic of an enterprise's packs: {@code root/enterprise/pack}. */
    public static String topic(String root, String enterprise) {
        return root + "/" + enterprise + "/pack";
    }

    /** The next pack in publishing order (nondecreasing {@link Pack#dueNanos()}); null once the end is reached. */
    public Pack next() {
        while (true) {
            if (pending == null && !planDone) {
                TrafficPlan.Reading r = pull();
                if (r.dueNanos() >= endNanos) {
                    planDone = true;
                } else {
                    pending = r;
                }
            }
            Buffer oldest = waiting.isEmpty() ? null : waiting.iterator().next();
            if (oldest != null) {
                long deadline = oldest.readings.get(0).dueNanos() + maxWaitNanos;
                if (pending == null) {
                    return emit(oldest, Math.min(deadline, endNanos));
                }
                if (deadline <= pending.dueNanos()) {
                    return emit(oldest, deadline);
                }
            }
            if (pending == null) {
                return null;
            }
            TrafficPlan.Reading r = pending;
            pending = null;
            Buffer b = hold(r);
            if (b.readings.size() >= k) {
                return emit(b, r.dueNanos());
            }
        }
    }

    /**
     * Empties the packer at the end of a run (stopped, or the duration reached): the packs, of up to k readings, of
     * every reading due at or before {@code uptoNanos} (and before the end) that is not out yet, held ones and those
     * of the plan not taken yet; readings due later are dropped. {@link #next()} returns null afterwards.
     *
     * @param uptoNanos the time reached, as an offset from the start (the plan is read up to it)
     */
    public List<Pack> flush(long uptoNanos) {
        while (!planDone) {
            if (pending == null) {
                TrafficPlan.Reading r = plan.next();
                if (r.dueNanos() >= endNanos) {
                    planDone = true;
                    break;
                }
                if (r.silenced()) {
                    if (r.dueNanos() > uptoNanos) {
                        break;
                    }
                    silenced++;
                    continue;
                }
                pending = r;
            }
            if (pending.dueNanos() > uptoNanos) {
                break;
            }
            hold(pending);
            pending = null;
        }
        List<Pack> out = new ArrayList<>();
        for (Iterator<Buffer> it = waiting.iterator(); it.hasNext(); ) {
            Buffer b = it.next();
            List<TrafficPlan.Reading> due = b.readings.stream().filter(r -> r.dueNanos() <= uptoNanos).toList();
            for (int i = 0; i < due.size(); i += k) {
                out.add(new Pack(b.enterprise, b.topic, Math.min(uptoNanos, endNanos), due.subList(i, Math.min(due.size(), i + k))));
            }
            b.readings.clear();
            it.remove();
        }
        pending = null;
        planDone = true;
        return out;
    }

    /** Slots of the plan before the end that a scenario silenced, counted as the packer reaches them. */
    public long silencedCount() {
        return silenced;
    }

    /** The next reading of the plan to publish, or the first one due at or after the end; silenced ones are counted. */
    private TrafficPlan.Reading pull() {
        while (true) {
            TrafficPlan.Reading r = plan.next();
            if (!r.silenced() || r.dueNanos() >= endNanos) {
                return r;
            }
            silenced++;
        }
    }

    /** Adds a reading to its enterprise's buffer; returns the buffer. */
    private Buffer hold(TrafficPlan.Reading r) {
        String enterprise = r.sensor().enterprise();
        Buffer b = buffers.computeIfAbsent(enterprise, e -> new Buffer(e, topic(topicRoot, e)));
        if (b.readings.isEmpty()) {
            waiting.add(b);
        }
        b.readings.add(r);
        return b;
    }

    private Pack emit(Buffer b, long dueNanos) {
        Pack p = new Pack(b.enterprise, b.topic, dueNanos, b.readings);
        b.readings.clear();
        waiting.remove(b);
        return p;
    }
}
