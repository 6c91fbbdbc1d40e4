package com.hazardwatch.cli;

import com.hazardwatch.jobs.MonitoringJob;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options run and demo share: --config FILE (default config/hazardwatch.properties), --catalogue FILE, --set k=v. */
record PipelineOptions(Settings settings, Path catalogueFile) {
    static final Path DEFAULT_CONFIG = LocalServices.settingsFile();

    static final String HELP = """
              --config FILE        settings file (default config/hazardwatch.properties)
              --catalogue FILE     catalogue (default: setting catalogue.file)
              --set key=value      override one setting; bin/hazardwatch settings lists them
            """;

    static PipelineOptions parse(List<String> args) throws IOException {
        List<String> a = new ArrayList<>(args);
        if (!a.contains("--config") && Files.exists(DEFAULT_CONFIG)) {
            a.add(0, "--config");
            a.add(1, DEFAULT_CONFIG.toString());
        }
        MonitoringJob.Invocation inv = MonitoringJob.Invocation.parse(a.toArray(String[]::new));
        return new PipelineOptions(inv.settings(), inv.catalogueFile());
    }

    /** The catalogue, or null after printing every error in it. */
    Catalogue loadCatalogue() {
        try {
            return CatalogueLoader.load(catalogueFile);
        } catch (CatalogueException e) {
            System.err.println("hazardwatch: " + e.getMessage());
            System.err.println("hazardwatch: nothing started (fix the catalogue; bin/hazardwatch catalogue check " + catalogueFile + ")");
            return null;
        }
    }
}
