package com.hazardwatch.cli;

import com.hazardwatch.connectors.mqtt.MqttKafkaBridge;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * bin/hazardwatch bridge: the MQTT->Kafka bridge alone, until Ctrl-C, for a monitoring job that runs elsewhere (the
 * Flink cluster of {@code bin/hazardwatch stack up --cluster} and {@code submit}, or any other).
 */
final class BridgeCommand {
    private BridgeCommand() {}

    static int run(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print("usage: bin/hazardwatch bridge [options]\n\n"
                    + "Runs the MQTT->Kafka bridge alone against the services of bin/hazardwatch stack up, in the\n"
                    + "foreground, for a monitoring job that runs elsewhere (bin/hazardwatch submit runs it on the Flink\n"
                    + "cluster of stack up --cluster); Ctrl-C stops it. Use the same catalogue and topics as the job.\n\n"
                    + PipelineOptions.HELP);
            return 0;
        }
        PipelineOptions o = PipelineOptions.parse(args);
        Catalogue catalogue = o.loadCatalogue();
        if (catalogue == null) {
            return 1;
        }
        var s = o.settings();
        System.out.println("hazardwatch: catalogue " + o.catalogueFile() + ": " + catalogue.sensorCount() + " sensors");
        MqttKafkaBridge bridge = new MqttKafkaBridge(s, catalogue);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("hazardwatch: stopping the bridge");
            bridge.close();
            stopped.countDown();
        }, "hazardwatch-stop"));
        bridge.start();
        System.out.println("hazardwatch: bridge " + s.get(HwOptions.MQTT_URL) + " " + s.get(HwOptions.MQTT_TOPIC_ROOT) + "/# -> "
                + s.get(HwOptions.KAFKA_BOOTSTRAP) + " " + s.get(HwOptions.TOPIC_READINGS) + "; running, Ctrl-C stops");
        stopped.await();
        return 0;
    }
}
