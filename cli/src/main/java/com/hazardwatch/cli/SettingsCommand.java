package com.hazardwatch.cli;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Option;
import java.util.List;

/** bin/hazardwatch settings: every setting, its effective value and what it means. */
final class SettingsCommand {
    private SettingsCommand() {}

    static int run(List<String> args) throws Exception {
        if (args.contains("--help")) {
            System.out.print("usage: bin/hazardwatch settings [options]\n\nPrints every setting with its effective value.\n\n"
                    + PipelineOptions.HELP);
            return 0;
        }
        var s = PipelineOptions.parse(args).settings();
        for (Option<?> o : HwOptions.ALL) {
            String v = (o.key().endsWith("password") || o.key().endsWith("token")) && !s.asMap().get(o.key()).isEmpty() ? "******" : s.asMap().get(o.key());
            System.out.printf("%-26s = %-40s # %s%n", o.key(), v, o.description());
        }
        return 0;
    }
}
