package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.risk.RiskBoard;
import com.hazardwatch.jobs.risk.RiskInput;
import com.hazardwatch.model.event.RiskChange;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The risk map in the job (docs/rules.md "Risk roll-up"), keyed by town: the {@link RiskInput}s of
 * {@link LifecycleFunction#RISK} go into the town's {@link RiskBoard} (keyed state), and every level change of a
 * source, an enterprise or the town comes out as a {@link RiskChange} (source first, then enterprise, then town), for
 * hw.risk and InfluxDB measurement {@code risk}.
 *
 * <p>An input whose alarm stands puts {@code RiskCalculator.contribution(priority, sourceGrade)} on its source; one
 * that does not stand takes the alarm's contribution away. Sources are placed in their enterprise and town from the
 * inputs themselves (no catalogue needed). An input without a source changes nothing. The board is dropped from state
 * when no alarm stands in the town any more (everything is blue again), so state holds only towns at risk. Metric:
 * {@code riskLevelChanges}.
 */
public final class RiskFunction extends KeyedProcessFunction<String, RiskInput, RiskChange> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<RiskBoard> board;
    private transient Counter levelChanges;

    public RiskFunction() {}

    @Override
    public void open(OpenContext openContext) {
        board = getRuntimeContext().getState(new ValueStateDescriptor<>("risk-board", TypeInformation.of(RiskBoard.class)));
        levelChanges = getRuntimeContext().getMetricGroup().counter("riskLevelChanges");
    }

    @Override
    public void processElement(RiskInput in, Context ctx, Collector<RiskChange> out) throws Exception {
        if (in.source == null || in.alarmId == null) {
            return;
        }
        RiskBoard b = board.value();
        if (b == null) {
            if (!in.stands) {
                return; // nothing stands in this town: taking an alarm away changes nothing
            }
            b = new RiskBoard();
        }
        String town = ctx.getCurrentKey();
        List<RiskBoard.Change> changes = b.take(in, town);
        if (b.alarmSource.isEmpty()) {
            board.clear();
        } else {
            board.update(b);
        }
        long now = ctx.timerService().currentProcessingTime();
        for (RiskBoard.Change c : changes) {
            levelChanges.inc();
            out.collect(new RiskChange(scope(c.scope()), c.id(), town, c.to(), c.from(), c.score(), in.ts, now));
        }
    }

    private static String scope(RiskBoard.Scope s) {
        return switch (s) {
            case SOURCE -> RiskChange.SOURCE;
            case ENTERPRISE -> RiskChange.ENTERPRISE;
            case TOWN -> RiskChange.TOWN;
        };
    }
}
