package com.hazardwatch.cli;

import com.hazardwatch.jobs.MonitoringJob;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.simulators.CatalogueScaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options run and demo share: --config FILE (default config/hazardwatch.properties), --catalogue FILE, --set k=v,
 * --scale N (the catalogue N times over, as {@code simulate --scale N} publishes it).
 */
record PipelineOptions(Settings settings, Path catalogueFile, int scale) {
    static final Path DEFAULT_CONFIG = LocalServices.settingsFile();

    static final String HELP = """
              --config FILE        settings file (default config/hazardwatch.properties)
              --catalogue FILE     catalogue (default: setting catalogue.file)
              --set key=value      override one setting; bin/hazardwatch settings lists them
              --scale N            the catalogue N times over with synthetic enterprises and sensors, for load
                                   tests with simulate --scale N (default 1)
            """;

    static PipelineOptions parse(List<String> args) throws IOException {
        List<String> a = new ArrayList<>(args);
        int scale = 1;
        int i = a.indexOf("--scale");
        if (i >= 0) {
            if (i + 1 >= a.size()) {
                throw new IllegalArgumentException("--scale needs a number of copies, e.g. --scale 10");
            }
            try {
                scale = Integer.parseInt(a.get(i + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--scale: '" + a.get(i + 1) + "' is not a whole number of copies, e.g. 10");
            }
            if (scale < 1 || scale > SimulateCommand.MAX_SCALE) {
                throw new IllegalArgumentException("--scale: " + scale + " copies; accepted 1 to " + SimulateCommand.MAX_SCALE);
            }
            a.remove(i + 1);
            a.remove(i);
        }
        if (!a.contains("--config") && Files.exists(DEFAULT_CONFIG)) {
            a.add(0, "--config");
            a.add(1, DEFAULT_CONFIG.toString());
        }
        // HW_MQTT_AUTH=1: the generated credentials first, so an explicit --set still wins
        List<String> access = new ArrayList<>();
        CommandLines.localClientSettings().forEach((k, v) -> {
            access.add("--set");
            access.add(k + "=" + v);
        });
        a.addAll(a.indexOf("--config") < 0 ? 0 : a.indexOf("--config") + 2, access);
        MonitoringJob.Invocation inv = MonitoringJob.Invocation.parse(a.toArray(String[]::new));
        return new PipelineOptions(inv.settings(), inv.catalogueFile(), scale);
    }

    /** The catalogue, or null after printing every error in it. */
    Catalogue loadCatalogue() {
        try {
            return CatalogueScaler.scale(CatalogueLoader.load(catalogueFile), scale);
        } catch (CatalogueException e) {
            System.err.println("hazardwatch: " + e.getMessage());
            System.err.println("hazardwatch: nothing started (fix the catalogue; bin/hazardwatch catalogue check " + catalogueFile + ")");
            return null;
        }
    }
}
