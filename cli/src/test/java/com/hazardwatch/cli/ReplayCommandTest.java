package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.simulators.replay.ReplayOptions;
import com.hazardwatch.simulators.replay.Speed;
import com.hazardwatch.testsupport.RepoFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    static final String CATALOGUE = RepoFiles.demoCatalogue().toString();
    static final String EXAMPLE = RepoFiles.root().resolve("simulators/replay/example.csv").toString();

    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    int run(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--catalogue", CATALOGUE));
        return ReplayCommand.run(a, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), false);
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    static String usageError(String... args) {
        return assertThrows(ReplayCommand.UsageException.class, () -> ReplayCommand.parse(List.of(args))).getMessage();
    }

    @Test
    void parsesTheOptions() throws Exception {
        ReplayCommand.Parsed p = ReplayCommand.parse(List.of("rec.csv", "--speed", "10", "--no-shift-to-now", "--map",
                "LT-101=E01-LT101", "--map=TT-101=E01-TT101", "--skip-bad-rows", "--pack", "50", "--qos", "0", "--topic-root", "hwx"));
        ReplayOptions o = p.options.build();
        assertEquals("rec.csv", p.file);
        assertEquals(Speed.parse("10"), o.speed());
        assertFalse(o.shiftToNow());
        assertEquals(List.of("LT-101=E01-LT101", "TT-101=E01-TT101"), p.maps);
        assertTrue(p.skipBadRows);
        assertEquals(50, o.pack());
        assertEquals(0, o.qos());
        assertEquals("hwx", o.topicRoot());
        ReplayOptions d = ReplayCommand.parse(List.of("rec.csv")).options.build();
        assertEquals(Speed.REAL_TIME, d.speed());
        assertTrue(d.shiftToNow());
        assertEquals(1, d.pack());
        assertEquals(1, d.qos());
        assertEquals(Speed.MAX, ReplayCommand.parse(List.of("rec.csv", "--speed=max")).options.build().speed());
    }

    @Test
    void wrongOptionsAreUsageErrors() {
        assertEquals("which recording? e.g. replay simulators/replay/example.csv", usageError("--speed", "2"));
        assertEquals("one recording at a time: 'a.csv' and 'b.csv'", usageError("a.csv", "b.csv"));
        assertEquals("--speed: 'fast' is not a speed; expected " + Speed.ACCEPTED, usageError("a.csv", "--speed", "fast"));
        assertEquals("--shift-to-now and --no-shift-to-now exclude each other", usageError("a.csv", "--shift-to-now", "--no-shift-to-now"));
        assertEquals("--map: 'LT-101' is not HEADER=SENSOR_ID, e.g. LT-101=E01-LT101", usageError("a.csv", "--map", "LT-101"));
        assertEquals("--qos: '2' is not accepted; use 0 or 1", usageError("a.csv", "--qos", "2"));
        assertEquals("--speed needs a value: " + Speed.ACCEPTED, usageError("a.csv", "--speed"));
        assertEquals("--check takes no value", usageError("a.csv", "--check=yes"));
        assertTrue(usageError("a.csv", "--rate", "5").startsWith("unknown option --rate; options: --catalogue --map"));
        assertTrue(usageError("a.csv", "--pack", "0").startsWith("--pack: pack 0 is not accepted"));
    }

    @Test
    void checkReadsTheExampleAndPublishesNothing() {
        assertEquals(0, run(EXAMPLE, "--check", "--speed", "20"));
        assertEquals("example.csv: ok: 61 rows (lines 6-66), 214 readings of 4 sensors (E01-LT102, E01-TT102, E01-PT102, E01-GT101), "
                + "recorded 2024-11-22T00:00:00Z .. 2024-11-22T00:05:00Z (5m)\n"
                + "at speed 20x the replay takes 15s; nothing published (--check)\n", out());
        assertEquals("", err());
    }

    @Test
    void everyProblemOfTheFileIsListedAndNothingPublished(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "ts,LT-101,E01-TT101\n1732262400000,1,2\n1732262405000,x,2\n1732262401000,1,2\n");
        assertEquals(1, run(f.toString(), "--mqtt", "tcp://127.0.0.1:1"));
        assertEquals("replay: bad.csv: 3 problems, nothing was published:\n"
                + "  bad.csv: line 1, column 2 (LT-101): 'LT-101' is not a sensor of catalogue 示范区危化品重大危险源监测目录 (233 sensors); "
                + "name the column by sensor id, or map it: --map LT-101=SENSOR_ID\n"
                + "  bad.csv: line 3, column 2 (LT-101): 'x' is not a number\n"
                + "  bad.csv: line 4, column 1 (ts): '1732262401000' is earlier than '1732262405000' on line 3: timestamps must not go backwards\n"
                + "(--skip-bad-rows leaves out the rows with problems and replays the others; problems of the header stay errors)\n",
                err());
        assertEquals("", out());
    }

    @Test
    void aMappingFileAndSkippedRows(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hist.csv");
        Files.writeString(f, "time,LT-101,TT-101\n1732262400000,55,20\n1732262405000,x,20\n1732262410000,56,\n");
        Path map = dir.resolve("tags.txt");
        Files.writeString(map, "# historian tags\nLT-101=E01-LT101\nTT-101=E01-TT101\nPT-101=E01-PT101\n");
        assertEquals(0, run(f.toString(), "--map-file", map.toString(), "--skip-bad-rows", "--check"));
        assertEquals("replay: hist.csv: leaving out 1 row with problems (--skip-bad-rows):\n"
                + "  hist.csv: line 3, column 2 (LT-101): 'x' is not a number\n"
                + "replay: warning: --map PT-101=E01-PT101: hist.csv has no column PT-101\n", err());
        assertTrue(out().startsWith("hist.csv: ok: 2 rows (lines 2-4), 3 readings of 2 sensors (E01-LT101, E01-TT101)"), out());
    }

    @Test
    void warnsWhenStampsWouldRunTooFarAheadOfTheClock(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("long.csv");
        Files.writeString(f, "ts,E01-LT101\n1732262400000,55\n1732266000000,56\n");
        assertEquals(0, run(f.toString(), "--speed", "10", "--check"));
        assertTrue(err().startsWith("replay: warning: at speed 10x the last readings are stamped 54m ahead of the clock; the "
                + "monitoring job rejects readings more than job.max-future (default 5m) ahead as FUTURE_TIMESTAMP."), err());
        outBytes.reset();
        errBytes.reset();
        assertEquals(0, run(f.toString(), "--speed", "10", "--no-shift-to-now", "--check"));
        assertEquals("", err());
    }

    @Test
    void aBrokerThatCannotBeReachedIsAFailure() {
        assertEquals(1, run(EXAMPLE, "--speed", "max", "--mqtt", "tcp://127.0.0.1:1"));
        assertTrue(err().startsWith("replay: cannot connect to MQTT broker tcp://127.0.0.1:1"), err());
    }

    @Test
    void helpAndTheMainUsageNameReplayAndDrill() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("Usage: replay FILE.csv [OPTIONS]"), out());
        assertTrue(out().contains("--no-shift-to-now"), out());
        assertTrue(Main.USAGE.contains("replay FILE.csv [options]"), Main.USAGE);
        assertTrue(Main.USAGE.contains("drill --scenario NAME [--window 30m]"), Main.USAGE);
        assertEquals(2, run("nope.csv", "--bogus"));
        assertEquals(1, run(RepoFiles.root().resolve("no-such.csv").toString()));
        assertTrue(err().contains("replay: no such file: "), err());
    }
}
