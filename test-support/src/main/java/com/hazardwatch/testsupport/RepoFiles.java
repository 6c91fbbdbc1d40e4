package com.hazardwatch.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository that tests use (the demo catalogue, configs), found from any module's directory. */
public final class RepoFiles {
    private RepoFiles() {}

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("config/catalogue")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (a folder with pom.xml and config/catalogue) above "
                + Path.of("").toAbsolutePath());
    }

    public static Path demoCatalogue() {
        return root().resolve("config/catalogue/demo-district.yaml");
    }
}
