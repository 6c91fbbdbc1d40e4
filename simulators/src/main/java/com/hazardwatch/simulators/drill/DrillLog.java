package com.hazardwatch.simulators.drill;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The sealed log of a drill, {@code DIR/drill-<yyyyMMdd-HHmmss>.log}: the moment the scenario starts, written before
 * it starts (so that a drill killed half-way still has it), then every line of the simulator as it happens, scenario
 * phases included, and the summary. Only its owner may read it (mode 600 where the file system has modes); when the
 * drill is over it is made read-only (400): sealed. Each line is flushed as it is written.
 */
public final class DrillLog implements Closeable {
    private static final DateTimeFormatter FILE_TS = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LINE_TS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Path path;
    private final BufferedWriter writer;
    private boolean sealed;

    private DrillLog(Path path, BufferedWriter writer) {
        this.path = path;
        this.writer = writer;
    }

    /** Creates a new log in {@code dir} (created if needed), named after {@code now}; never overwrites one. */
    public static DrillLog create(Path dir, Instant now) throws IOException {
        Files.createDirectories(dir);
        String base = "drill-" + FILE_TS.format(now);
        for (int n = 1; ; n++) {
            Path p = dir.resolve(base + (n == 1 ? "" : "-" + n) + ".log");
            try {
                Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            permissions(p, "rw-------");
            return new DrillLog(p, Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        }
    }

    public Path path() {
        return path;
    }

    /** Writes a line as it is. */
    public synchronized void write(String text) {
        if (sealed) {
            return;
        }
        try {
            writer.write(text);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the drill log " + path, e);
        }
    }

    /** Writes each line of {@code text} stamped with the UTC time {@code at}. */
    public synchronized void event(Instant at, String text) {
        String stamp = LINE_TS.format(at) + " ";
        text.lines().forEach(l -> write(stamp + l));
    }

    /** Closes the log and makes it read-only; idempotent. */
    public synchronized void seal() throws IOException {
        if (sealed) {
            return;
        }
        sealed = true;
        writer.close();
        permissions(path, "r--------");
    }

    @Override
    public void close() throws IOException {
        seal();
    }

    private static void permissions(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            p.toFile().setReadable(false, false);
            p.toFile().setReadable(true, true);
            if (perms.charAt(1) == '-') {
                p.toFile().setWritable(false, false);
            }
        }
    }

    /** Permissions as rwx text, for tests and messages; empty where the file system has none. */
    static String permissions(Path p) throws IOException {
        try {
            Set<java.nio.file.attribute.PosixFilePermission> s = Files.getPosixFilePermissions(p);
            return PosixFilePermissions.toString(s);
        } catch (UnsupportedOperationException e) {
            return "";
        }
    }
}
