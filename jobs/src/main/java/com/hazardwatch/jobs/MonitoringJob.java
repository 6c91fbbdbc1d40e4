package com.hazardwatch.jobs;

import com.hazardwatch.connectors.influx.InfluxConnection;
import com.hazardwatch.connectors.influx.InfluxLines;
import com.hazardwatch.connectors.influx.InfluxSink;
import com.hazardwatch.connectors.influx.StorageRejects;
import com.hazardwatch.jobs.operators.RollupAggregate;
import com.hazardwatch.jobs.operators.RollupFunction;
import com.hazardwatch.connectors.kafka.JsonRecordSerializer;
import com.hazardwatch.connectors.kafka.CatalogueTopic;
import com.hazardwatch.connectors.kafka.Decoded;
import com.hazardwatch.connectors.kafka.DecodingDeserializer;
import com.hazardwatch.jobs.lifecycle.AlarmLifecycle;
import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.jobs.operators.LifecycleFunction;
import com.hazardwatch.jobs.operators.RiskFunction;
import com.hazardwatch.jobs.rules.RuleDefaults;
import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.json.RiskCodec;
import com.hazardwatch.jobs.operators.Accepted;
import com.hazardwatch.jobs.operators.CorrelationFunction;
import com.hazardwatch.jobs.operators.LinkFunction;
import com.hazardwatch.jobs.operators.LinkInput;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.OperatorCommand;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import java.util.ArrayList;
import com.hazardwatch.connectors.kafka.KafkaClients;
import com.hazardwatch.connectors.kafka.KafkaTopics;
import com.hazardwatch.connectors.kafka.ReadingDeserializer;
import com.hazardwatch.connectors.kafka.ReadingOrReject;
import com.hazardwatch.jobs.operators.SensorRulesFunction;
import com.hazardwatch.jobs.operators.RouteReadings;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.json.AlarmCodec;
import com.hazardwatch.model.json.DeadLetterCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The monitoring job: hw.readings -> per-sensor rules (docs/rules.md) -> hw.alarms, with readings and alarms stored in InfluxDB and
 * anything unreadable sent to hw.dlq. {@link #main} only wires real sources and sinks; {@link #defineWorkflow} is the
 * graph, which tests drive with their own sources and sinks.
 *
 * <p>Arguments: {@code [--config FILE] [--catalogue FILE] [--set key=value ...]} (keys: see config/hazardwatch.properties).
 */
public final class MonitoringJob {
    private MonitoringJob() {}

    /** Where the workflow's output goes. */
    public record Sinks(Sink<LifecycleEvent> alarms, Sink<DeadLetter> deadLetters, Sink<String> influxLines,
                        Sink<RiskChange> risk) {}

    /**
     * Where the workflow's input comes from: readings, and optionally catalogue changes (hw.catalogue) and operator
     * commands (hw.commands); a null source is left out (the catalogue file then stays as it is, no command arrives).
     */
    public record Sources(Source<ReadingOrReject, ?, ?> readings, Source<Decoded<CatalogueEntry>, ?, ?> catalogue,
                          Source<Decoded<OperatorCommand>, ?, ?> commands) {}

    /**
     * What the workflow needs to know besides its sources and sinks.
     *
     * @param catalogue the catalogue the job starts with (revision 0; hw.catalogue entries override it)
     * @param maxFuture readings stamped further ahead of the engine's clock go to hw.dlq
     * @param maxShelve the longest shelf an operator may ask for
     * @param reorderWindow how long a reading waits for older ones of its sensor (evaluated in timestamp order); zero:
     *     evaluated on arrival
     */
    public record Params(Catalogue catalogue, Duration outOfOrderness, Duration idleTimeout, Duration maxFuture,
                         Duration maxShelve, Duration reorderWindow) {
        public Params(Catalogue catalogue, Duration outOfOrderness, Duration idleTimeout) {
            this(catalogue, outOfOrderness, idleTimeout, DEFAULT_MAX_FUTURE, OperatorCommand.DEFAULT_MAX_SHELVE, Duration.ZERO);
        }
    }

    /** Readings stamped more than this ahead of the engine's clock are rejected unless configured otherwise. */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        Invocation inv = Invocation.parse(args);
        Catalogue catalogue = CatalogueLoader.load(inv.catalogueFile());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(inv.settings()));
        build(env, inv.settings(), catalogue);
        env.execute("HazardWatch monitoring (" + catalogue.sensorCount() + " sensors)");
    }

    /** Wires the real Kafka sources and Kafka/InfluxDB sinks into env. */
    public static void build(StreamExecutionEnvironment env, Settings s, Catalogue catalogue) {
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        KafkaTopics.ensure(bootstrap, KafkaClients.security(s), s.get(HwOptions.TOPIC_PARTITIONS), Map.of(),
                s.get(HwOptions.TOPIC_READINGS), s.get(HwOptions.TOPIC_ALARMS), s.get(HwOptions.TOPIC_DLQ),
                s.get(HwOptions.TOPIC_COMMANDS), s.get(HwOptions.TOPIC_RISK));
        CatalogueTopic.ensure(bootstrap, KafkaClients.security(s), s.get(HwOptions.TOPIC_CATALOGUE));
        env.setParallelism(s.get(HwOptions.JOB_PARALLELISM));
        env.enableCheckpointing(s.get(HwOptions.JOB_CHECKPOINT_INTERVAL).toMillis());

        KafkaSource<ReadingOrReject> readings = KafkaSource.<ReadingOrReject>builder()
                .setBootstrapServers(bootstrap)
                .setProperties(KafkaClients.security(s))
                .setTopics(s.get(HwOptions.TOPIC_READINGS))
                .setGroupId(s.get(HwOptions.KAFKA_GROUP))
                .setStartingOffsets(startingOffsets(s.get(HwOptions.JOB_STARTING_OFFSETS)))
                .setDeserializer(new ReadingDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        // the whole compacted topic on every start: it is the catalogue's history, and the newest revision wins
        KafkaSource<Decoded<CatalogueEntry>> catalogueChanges = KafkaSource.<Decoded<CatalogueEntry>>builder()
                .setBootstrapServers(bootstrap)
                .setProperties(KafkaClients.security(s))
                .setTopics(s.get(HwOptions.TOPIC_CATALOGUE))
                .setGroupId(s.get(HwOptions.KAFKA_GROUP) + "-catalogue")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(DecodingDeserializer.catalogue())
                .build();
        KafkaSource<Decoded<OperatorCommand>> commands = KafkaSource.<Decoded<OperatorCommand>>builder()
                .setBootstrapServers(bootstrap)
                .setProperties(KafkaClients.security(s))
                .setTopics(s.get(HwOptions.TOPIC_COMMANDS))
                .setGroupId(s.get(HwOptions.KAFKA_GROUP) + "-commands")
                .setStartingOffsets(startingOffsets(s.get(HwOptions.JOB_STARTING_OFFSETS)))
                .setDeserializer(DecodingDeserializer.commands(s.get(HwOptions.JOB_MAX_SHELVE)))
                .build();

        Sinks sinks = new Sinks(
                kafkaSink(bootstrap, s, new JsonRecordSerializer<LifecycleEvent>(s.get(HwOptions.TOPIC_ALARMS),
                        e -> LifecycleInput.ownerOf(e.event().alarmId() == null ? e.event().sensor() : e.event().alarmId()),
                        AlarmCodec::toJson)),
                kafkaSink(bootstrap, s, new JsonRecordSerializer<>(s.get(HwOptions.TOPIC_DLQ), DeadLetter::origin, DeadLetterCodec::toJson)),
                new InfluxSink(InfluxConnection.from(s), s.get(HwOptions.INFLUX_BATCH_SIZE),
                        s.get(HwOptions.INFLUX_FLUSH_INTERVAL).toMillis(), s.get(HwOptions.INFLUX_MAX_RETRIES),
                        s.get(HwOptions.INFLUX_MAX_IN_FLIGHT),
                        // lines InfluxDB refuses go straight to hw.dlq (STORAGE_REJECTED): a sink cannot emit downstream
                        StorageRejects.kafka(bootstrap, KafkaClients.security(s), s.get(HwOptions.TOPIC_DLQ))),
                kafkaSink(bootstrap, s, new JsonRecordSerializer<>(s.get(HwOptions.TOPIC_RISK), RiskChange::town, RiskCodec::toJson)));

        defineWorkflow(env, new Sources(readings, catalogueChanges, commands), sinks,
                new Params(catalogue, s.get(HwOptions.JOB_OUT_OF_ORDERNESS), s.get(HwOptions.JOB_IDLE_TIMEOUT),
                        s.get(HwOptions.JOB_MAX_FUTURE), s.get(HwOptions.JOB_MAX_SHELVE), s.get(HwOptions.JOB_REORDER_WINDOW)));
    }

    /** The graph with readings only (no runtime catalogue changes, no commands). */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<ReadingOrReject, ?, ?> source, Sinks sinks, Params p) {
        defineWorkflow(env, new Sources(source, null, null), sinks, p);
    }

    /**
     * The graph itself: the same for production and tests.
     *
     * <pre>
     * readings ─ route ─┐                                      ┌─ link (by enterprise: STALE, LINK_DOWN, FLATLINE) ─┐
     *                   ├─ sensor rules (by sensor) ───────────┼─ correlation (by source: AREA) ────────────────────┼─ lifecycle (by owner) ─ hw.alarms, alarm
     * catalogue ────────┘ (file at revision 0 + hw.catalogue)  └────────────────────────────────────────────────────┤        └─ risk (by town) ─ hw.risk, risk
     *                                                                                          commands (hw.commands) ┘
     * </pre>
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, Sources sources, Sinks sinks, Params p) {
        // Every event type is an immutable record and no operator keeps its input, so chained operators may pass
        // objects on without Flink's defensive copy (a copy per record per operator showed up in profiles).
        env.getConfig().enableObjectReuse();
        WatermarkStrategy<ReadingOrReject> watermarks = WatermarkStrategy
                .<ReadingOrReject>forBoundedOutOfOrderness(p.outOfOrderness())
                // a record that is not a reading has no event time: it must not move the clock (its receivedAt is the wall clock,
                // far ahead of readings being caught up, and would fire every event-time timer at once)
                .withTimestampAssigner((r, previous) -> r.reading() != null ? r.reading().ts() : Long.MIN_VALUE)
                // a silent partition must not stall event time for the others
                .withIdleness(p.idleTimeout());

        DataStream<ReadingOrReject> input = env.fromSource(sources.readings(), watermarks, "hw.readings").uid("readings-source");
        SingleOutputStreamOperator<Reading> readings = input
                .process(new RouteReadings())
                .name("route readings").uid("route-readings");

        // the catalogue: the job's file as revision 0, then every entry of hw.catalogue (the newer revision wins)
        List<CatalogueEntry> initial = new ArrayList<>();
        for (Sensor sensor : p.catalogue().sensors()) {
            initial.add(CatalogueEntry.of(sensor, 0L));
        }
        DataStream<CatalogueEntry> catalogue = env.fromData(initial, TypeInformation.of(CatalogueEntry.class))
                .name("catalogue file").uid("catalogue-file");
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        deadLetters.add(readings.getSideOutput(RouteReadings.DEAD_LETTERS));
        if (sources.catalogue() != null) {
            SingleOutputStreamOperator<CatalogueEntry> pushed = env.fromSource(sources.catalogue(), idleInput(p), "hw.catalogue")
                    .uid("catalogue-source")
                    .process(new Accepted<CatalogueEntry>()).returns(CatalogueEntry.class)
                    .name("catalogue entries").uid("catalogue-entries");
            deadLetters.add(pushed.getSideOutput(Accepted.REJECTED));
            catalogue = catalogue.union(pushed);
        }

        SingleOutputStreamOperator<LifecycleInput> sensorConditions = readings
                .keyBy(Reading::sensor)
                .connect(catalogue.keyBy(CatalogueEntry::sensorId))
                .process(new SensorRulesFunction(p.catalogue(), p.maxFuture().toMillis(), p.reorderWindow().toMillis()))
                .name("sensor rules").uid("sensor-rules");
        deadLetters.add(sensorConditions.getSideOutput(SensorRulesFunction.DEAD_LETTERS));

        DataStream<LinkInput> rosters = catalogue
                .map(e -> e.removed() ? LinkInput.roster(e.enterprise(), e.sensorId(), null, null, null, e.revision(), true)
                        : LinkInput.roster(e.enterprise(), e.sensorId(), e.sensor().source(), e.sensor().town(),
                                e.sensor().sourceGrade(), e.revision(), false, RuleDefaults.staleAfterMs(e.sensor())))
                .returns(LinkInput.class).name("rosters").uid("rosters");
        DataStream<LifecycleInput> linkConditions = sensorConditions.getSideOutput(SensorRulesFunction.LINK)
                .union(rosters)
                .keyBy(in -> in.enterprise)
                .process(new LinkFunction())
                .name("link (STALE, LINK_DOWN, FLATLINE)").uid("link");
        DataStream<LifecycleInput> areaConditions = sensorConditions.getSideOutput(SensorRulesFunction.GAS)
                .keyBy(g -> g.sensor().source())
                .process(new CorrelationFunction())
                .name("gas correlation").uid("gas-correlation");

        DataStream<LifecycleInput> lifecycleInput = sensorConditions.union(linkConditions, areaConditions);
        if (sources.commands() != null) {
            SingleOutputStreamOperator<OperatorCommand> commands = env.fromSource(sources.commands(), idleInput(p), "hw.commands")
                    .uid("commands-source")
                    .process(new Accepted<OperatorCommand>()).returns(OperatorCommand.class)
                    .name("operator commands").uid("operator-commands");
            deadLetters.add(commands.getSideOutput(Accepted.REJECTED));
            lifecycleInput = lifecycleInput.union(commands.map(LifecycleInput::command).returns(LifecycleInput.class)
                    .name("commands by owner").uid("commands-by-owner"));
        }

        SingleOutputStreamOperator<LifecycleEvent> alarms = lifecycleInput
                .keyBy(in -> in.owner)
                .process(new LifecycleFunction(new AlarmLifecycle(p.maxShelve())))
                .name("alarm lifecycle").uid("alarm-lifecycle");
        SingleOutputStreamOperator<RiskChange> risk = alarms.getSideOutput(LifecycleFunction.RISK)
                .keyBy(in -> in.town == null ? "" : in.town)
                .process(new RiskFunction())
                .name("risk roll-up").uid("risk-roll-up");
        risk.sinkTo(sinks.risk()).name("hw.risk").uid("risk-sink");

        DataStream<DeadLetter> allDeadLetters = deadLetters.get(0);
        for (int i = 1; i < deadLetters.size(); i++) {
            allDeadLetters = allDeadLetters.union(deadLetters.get(i));
        }
        allDeadLetters.sinkTo(sinks.deadLetters()).name("hw.dlq").uid("dlq-sink");
        alarms.sinkTo(sinks.alarms()).name("hw.alarms").uid("alarms-sink");

        // stored: the readings the sensor rules accepted (a sensor of the catalogue as it is now, not from the future),
        // thinned for sensors with a compression rule (docs/storage.md)
        DataStream<String> readingLines = sensorConditions.getSideOutput(SensorRulesFunction.STORED)
                .map(InfluxLines::reading).returns(Types.STRING).name("reading lines").uid("reading-lines");
        DataStream<String> alarmLines = alarms.map(e -> InfluxLines.alarm(e)).returns(Types.STRING).name("alarm lines").uid("alarm-lines");
        // Separate sink tasks of the same sink rather than a union: a union breaks the chain and costs a serialisation
        // of every reading line between tasks.
        readingLines.sinkTo(sinks.influxLines()).name("influxdb readings").uid("influx-readings");
        alarmLines.sinkTo(sinks.influxLines()).name("influxdb alarms").uid("influx-alarms");
        // 1-minute rollups of the accepted readings (reading_1m), emitted as the watermark passes each minute
        sensorConditions.getSideOutput(SensorRulesFunction.ACCEPTED)
                .keyBy(Reading::sensor)
                .process(new RollupFunction()).name("1-minute rollups").uid("rollup-1m")
                .map(MonitoringJob::rollupLine).returns(Types.STRING).name("rollup lines").uid("rollup-lines")
                .sinkTo(sinks.influxLines()).name("influxdb rollups").uid("influx-rollups");
        risk.map(InfluxLines::risk).returns(Types.STRING).name("risk lines").uid("risk-lines")
                .sinkTo(sinks.influxLines()).name("influxdb risk").uid("influx-risk");
    }

    private static String rollupLine(RollupAggregate a) {
        return InfluxLines.rollup(a.enterprise, a.kind, a.sensor, a.source, a.minute, a.count, a.mean(), a.min, a.max, a.last);
    }

    /** Low-volume inputs (catalogue changes, commands) are idle most of the time and must not hold event time back. */
    private static <T> WatermarkStrategy<T> idleInput(Params p) {
        return WatermarkStrategy.<T>forMonotonousTimestamps()
                .withTimestampAssigner((e, previous) -> System.currentTimeMillis())
                .withIdleness(p.idleTimeout());
    }

    private static <T> KafkaSink<T> kafkaSink(String bootstrap, Settings s, JsonRecordSerializer<T> serializer) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(KafkaClients.security(s))
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static OffsetsInitializer startingOffsets(String mode) {
        return switch (mode) {
            case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> throw new IllegalArgumentException("setting job.starting-offsets: '" + mode
                    + "' is not one of committed, earliest, latest");
        };
    }

    /** Flink settings for a local run: checkpoints to the data directory, restart with backoff. A cluster's own config wins there. */
    public static Configuration flinkConfiguration(Settings s) {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, s.get(HwOptions.JOB_CHECKPOINT_DIR));
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        return c;
    }

    /** The job's command line: --config FILE, --catalogue FILE, --set key=value. */
    public record Invocation(Settings settings, Path catalogueFile) {
        public static Invocation parse(String[] args) throws java.io.IOException {
            Path config = null;
            Map<String, String> overrides = new LinkedHashMap<>();
            List<String> a = List.of(args);
            for (int i = 0; i < a.size(); i++) {
                String arg = a.get(i);
                switch (arg) {
                    case "--config" -> config = Path.of(value(a, ++i, arg));
                    case "--catalogue" -> overrides.put(HwOptions.CATALOGUE_FILE.key(), value(a, ++i, arg));
                    case "--set" -> {
                        String kv = value(a, ++i, arg);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--set takes key=value, got '" + kv + "'");
                        }
                        overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + arg
                            + "' (accepted: --config FILE, --catalogue FILE, --set key=value)");
                }
            }
            Settings s = Settings.load(config, overrides);
            return new Invocation(s, Path.of(s.get(HwOptions.CATALOGUE_FILE)));
        }

        private static String value(List<String> a, int i, String option) {
            if (i >= a.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return a.get(i);
        }
    }
}
