package com.hazardwatch.cli;

import com.hazardwatch.connectors.mqtt.BridgeMain;
import com.hazardwatch.model.catalogue.Catalogue;
import java.util.List;

/** bin/hazardwatch bridge: the MQTT->Kafka bridge alone, in the foreground, until Ctrl-C. */
final class BridgeCommand {
    private BridgeCommand() {}

    static int run(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print("usage: bin/hazardwatch bridge [options]\n\n"
                    + "Runs the MQTT->Kafka bridge alone (no monitoring job; bin/hazardwatch run --no-bridge runs the job alone),\n"
                    + "against the services of bin/hazardwatch stack up, in the foreground, for a job that runs elsewhere (bin/hazardwatch\n"
                    + "submit runs it on the Flink cluster of stack up --cluster); Ctrl-C stops it cleanly (what Kafka\n"
                    + "has is acknowledged to the broker, the rest it delivers again on the next start).\n\n"
                    + "Several bridges share the work: give each its own --set bridge.instance=N and the same bridge.share-group\n"
                    + "(default hw-bridge); the broker hands each MQTT message to one of them. Keep an instance's id across\n"
                    + "restarts: the broker keeps its session (bridge.session-expiry, 1h) and what was sent to it while it was away.\n"
                    + "Counters: Prometheus text on http://127.0.0.1:{bridge.metrics-port}/metrics (default 9464; 0: none).\n\n"
                    + PipelineOptions.HELP);
            return CommandLines.OK;
        }
        PipelineOptions o = PipelineOptions.parse(args);
        Catalogue catalogue = o.loadCatalogue();
        if (catalogue == null) {
            return CommandLines.FAILED;
        }
        System.out.println("hazardwatch bridge: catalogue " + o.catalogueFile() + ": " + catalogue.sensorCount() + " sensors");
        return BridgeMain.serve(o.settings(), catalogue, System.out);
    }
}
