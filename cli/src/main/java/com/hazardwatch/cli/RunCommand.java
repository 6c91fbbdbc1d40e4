package com.hazardwatch.cli;

import com.hazardwatch.jobs.LocalPipeline;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** bin/hazardwatch run: the bridge and the monitoring job against the running stack, until Ctrl-C. */
final class RunCommand {
    private RunCommand() {}

    static int run(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print("usage: bin/hazardwatch run [options]\n\n"
                    + "Starts the MQTT->Kafka bridge and the monitoring job (Flink, in-process MiniCluster) against the\n"
                    + "services of bin/hazardwatch stack up, in the foreground; Ctrl-C stops both cleanly.\n\n" + PipelineOptions.HELP);
            return 0;
        }
        PipelineOptions o = PipelineOptions.parse(args);
        Catalogue catalogue = o.loadCatalogue();
        if (catalogue == null) {
            return 1;
        }
        var s = o.settings();
        System.out.println("hazardwatch: catalogue " + o.catalogueFile() + ": " + catalogue.sensorCount() + " sensors");
        CountDownLatch stopped = new CountDownLatch(1);
        LocalPipeline p = LocalPipeline.start(s, catalogue);
        var console = ConsoleCommand.startAlongside(s, catalogue);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("hazardwatch: stopping bridge and job");
            if (console != null) {
                console.close();
            }
            p.close();
            stopped.countDown();
        }, "hazardwatch-stop"));
        System.out.println("hazardwatch: bridge " + s.get(HwOptions.MQTT_URL) + " " + s.get(HwOptions.MQTT_TOPIC_ROOT) + "/# -> "
                + s.get(HwOptions.KAFKA_BOOTSTRAP) + " " + s.get(HwOptions.TOPIC_READINGS));
        System.out.println("hazardwatch: job " + p.job().getJobID() + ": alarms on " + s.get(HwOptions.TOPIC_ALARMS)
                + ", dead letters on " + s.get(HwOptions.TOPIC_DLQ) + ", InfluxDB " + s.get(HwOptions.INFLUX_URL) + "/"
                + s.get(HwOptions.INFLUX_DATABASE));
        System.out.println("hazardwatch: running; Ctrl-C stops");
        try {
            p.job().getJobExecutionResult().get();
            System.err.println("hazardwatch: the monitoring job ended");
            return 1;
        } catch (java.util.concurrent.ExecutionException e) {
            if (stopped.getCount() == 0) {
                return 0;
            }
            System.err.println("hazardwatch: the monitoring job failed: " + e.getCause());
            return 1;
        }
    }
}
