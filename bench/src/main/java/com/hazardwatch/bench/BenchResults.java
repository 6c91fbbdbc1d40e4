package com.hazardwatch.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.json.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * Where benchmark results go: bench/results/{name}-{timestamp}.json and .md, plus {name}-latest.json and .md, which
 * the README quotes. Every result carries the machine it ran on.
 */
public final class BenchResults {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private BenchResults() {}

    public static Path dir() {
        return LocalServices.installRoot().resolve("bench/results");
    }

    /** Writes the JSON (with a "machine" object added) and the Markdown; returns the timestamped JSON file. */
    public static Path write(Path dir, String name, ObjectNode result, String markdown) throws IOException {
        Files.createDirectories(dir);
        result.set("machine", machine());
        String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result);
        String md = markdown + "\n" + machineLine() + "\n";
        Path file = dir.resolve(name + "-" + stamp + ".json");
        Files.write(file, json);
        Files.writeString(dir.resolve(name + "-" + stamp + ".md"), md, StandardCharsets.UTF_8);
        Files.write(dir.resolve(name + "-latest.json"), json);
        Files.writeString(dir.resolve(name + "-latest.md"), md, StandardCharsets.UTF_8);
        return file;
    }

    public static ObjectNode machine() {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryGiB", Math.round(totalMemoryBytes() / (1024.0 * 1024 * 1024)));
        m.put("cpu", cpuModel());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("at", ZonedDateTime.now(ZoneOffset.UTC).toString());
        return m;
    }

    public static String machineLine() {
        ObjectNode m = machine();
        return "Machine: " + m.get("cores").asInt() + " cores, " + m.get("memoryGiB").asLong() + " GiB, " + m.get("cpu").asText()
                + ", " + m.get("java").asText() + "; run at " + m.get("at").asText();
    }

    private static long totalMemoryBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
