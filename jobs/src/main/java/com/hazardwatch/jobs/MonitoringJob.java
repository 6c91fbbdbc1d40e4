package com.hazardwatch.jobs;

import com.hazardwatch.connectors.influx.InfluxConnection;
import com.hazardwatch.connectors.influx.InfluxLines;
import com.hazardwatch.connectors.influx.InfluxSink;
import com.hazardwatch.connectors.kafka.JsonRecordSerializer;
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
    public record Sinks(Sink<LifecycleEvent> alarms, Sink<DeadLetter> deadLetters, Sink<String> influxLines) {}

    /** What the workflow needs to know besides its sources and sinks. */
    public record Params(Catalogue catalogue, Duration outOfOrderness, Duration idleTimeout) {}

    public static void main(String[] args) throws Exception {
        Invocation inv = Invocation.parse(args);
        Catalogue catalogue = CatalogueLoader.load(inv.catalogueFile());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(inv.settings()));
        build(env, inv.settings(), catalogue);
        env.execute("HazardWatch monitoring (" + catalogue.sensorCount() + " sensors)");
    }

    /** Wires the real Kafka source and Kafka/InfluxDB sinks into env. */
    public static void build(StreamExecutionEnvironment env, Settings s, Catalogue catalogue) {
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        KafkaTopics.ensure(bootstrap, s.get(HwOptions.TOPIC_PARTITIONS),
                s.get(HwOptions.TOPIC_READINGS), s.get(HwOptions.TOPIC_ALARMS), s.get(HwOptions.TOPIC_DLQ));
        env.setParallelism(s.get(HwOptions.JOB_PARALLELISM));
        env.enableCheckpointing(s.get(HwOptions.JOB_CHECKPOINT_INTERVAL).toMillis());

        KafkaSource<ReadingOrReject> source = KafkaSource.<ReadingOrReject>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(s.get(HwOptions.TOPIC_READINGS))
                .setGroupId(s.get(HwOptions.KAFKA_GROUP))
                .setStartingOffsets(startingOffsets(s.get(HwOptions.JOB_STARTING_OFFSETS)))
                .setDeserializer(new ReadingDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();

        Sinks sinks = new Sinks(
                kafkaSink(bootstrap, new JsonRecordSerializer<LifecycleEvent>(s.get(HwOptions.TOPIC_ALARMS), e -> e.event().sensor(), AlarmCodec::toJson)),
                kafkaSink(bootstrap, new JsonRecordSerializer<>(s.get(HwOptions.TOPIC_DLQ), DeadLetter::origin, DeadLetterCodec::toJson)),
                new InfluxSink(InfluxConnection.from(s), s.get(HwOptions.INFLUX_BATCH_SIZE),
                        s.get(HwOptions.INFLUX_FLUSH_INTERVAL).toMillis(), s.get(HwOptions.INFLUX_MAX_RETRIES),
                        s.get(HwOptions.INFLUX_MAX_IN_FLIGHT)));

        defineWorkflow(env, source, sinks,
                new Params(catalogue, s.get(HwOptions.JOB_OUT_OF_ORDERNESS), s.get(HwOptions.JOB_IDLE_TIMEOUT)));
    }

    /** The graph itself: the same for production and tests. */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<ReadingOrReject, ?, ?> source, Sinks sinks, Params p) {
        // Every event type is an immutable record and no operator keeps its input, so chained operators may pass
        // objects on without Flink's defensive copy (a copy per record per operator showed up in profiles).
        env.getConfig().enableObjectReuse();
        WatermarkStrategy<ReadingOrReject> watermarks = WatermarkStrategy
                .<ReadingOrReject>forBoundedOutOfOrderness(p.outOfOrderness())
                .withTimestampAssigner((r, previous) -> r.reading() != null ? r.reading().ts() : r.rejected().receivedAt())
                // a silent partition must not stall event time for the others
                .withIdleness(p.idleTimeout());

        DataStream<ReadingOrReject> input = env.fromSource(source, watermarks, "hw.readings").uid("readings-source");

        SingleOutputStreamOperator<Reading> readings = input
                .process(new RouteReadings(p.catalogue()))
                .name("route readings").uid("route-readings");

        DataStream<AlarmEvent> alarms = readings
                .keyBy(Reading::sensor)
                .process(new SensorRulesFunction(p.catalogue()))
                .name("sensor rules").uid("sensor-rules");

        alarms.map(e -> new LifecycleEvent(e, 0, e.state(), "system", null, e.detail(), null, true))
                .returns(LifecycleEvent.class).sinkTo(sinks.alarms()).name("hw.alarms").uid("alarms-sink");
        readings.getSideOutput(RouteReadings.DEAD_LETTERS).sinkTo(sinks.deadLetters()).name("hw.dlq").uid("dlq-sink");

        DataStream<String> readingLines = readings.map(InfluxLines::reading).returns(Types.STRING).name("reading lines").uid("reading-lines");
        DataStream<String> alarmLines = alarms.map(InfluxLines::alarm).returns(Types.STRING).name("alarm lines").uid("alarm-lines");
        // Two sink tasks of the same sink rather than a union: a union breaks the chain and costs a serialisation of
        // every reading line between tasks.
        readingLines.sinkTo(sinks.influxLines()).name("influxdb readings").uid("influx-readings");
        alarmLines.sinkTo(sinks.influxLines()).name("influxdb alarms").uid("influx-alarms");
    }

    private static <T> KafkaSink<T> kafkaSink(String bootstrap, JsonRecordSerializer<T> serializer) {
        return KafkaSink.<T>builder()
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
