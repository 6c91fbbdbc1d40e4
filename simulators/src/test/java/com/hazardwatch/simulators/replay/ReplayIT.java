package com.hazardwatch.simulators.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.json.ReadingCodec;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped example recording replayed sped up against a real broker (through {@link ServicesExtension}), read back
 * with a subscriber and decoded with the bridge's codec. Publishes under a topic root of its own so that nothing else
 * listening on hw/# sees the traffic.
 */
@ExtendWith(ServicesExtension.class)
class ReplayIT {
    static Recording example(Catalogue catalogue) throws Exception {
        RecordingParser.Result r = RecordingParser.parse(RepoFiles.root().resolve("simulators/replay/example.csv"), catalogue,
                ColumnMapping.NONE, false);
        assertEquals(List.of(), r.problems());
        return r.recording();
    }

    /** What the recording holds, as "sensor@offset-from-first-row=value", in file order. */
    static List<String> expected(Recording rec) {
        List<String> out = new ArrayList<>();
        long first = rec.rows().get(0).recordedMillis();
        for (Recording.Row row : rec.rows()) {
            for (int c = 0; c < rec.columns().size(); c++) {
                if (!Double.isNaN(row.values()[c])) {
                    out.add(rec.columns().get(c).sensor().id() + "@" + (row.recordedMillis() - first) + "=" + row.values()[c]);
                }
            }
        }
        return out;
    }

    List<String> readBack(Services services, Catalogue catalogue, Recording rec, ReplayOptions options, long[] bounds)
            throws Exception {
        try (MqttTestClient sub = new MqttTestClient(services.mqttUrl())) {
            sub.subscribe(options.topicRoot() + "/#");
            long t0 = System.currentTimeMillis();
            ReplayStats s = new Replayer(rec, options, line -> System.out.println("[replay] " + line)).run();
            long t1 = System.currentTimeMillis();
            bounds[0] = t0;
            bounds[1] = t1;
            long deadline = System.currentTimeMillis() + 5_000;
            while (sub.received().size() < s.messages() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, s.failed());
            assertEquals(rec.readings(), s.published());
            assertEquals(s.messages(), sub.received().size());
            List<String> got = new ArrayList<>();
            long firstTs = Long.MIN_VALUE;
            for (MqttTestClient.Message m : sub.received()) {
                ReadingCodec.Decoded d = ReadingCodec.decodeMqtt(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8),
                        options.topicRoot(), catalogue, 0L);
                assertEquals(List.of(), d.rejects(), m.payload());
                for (Reading r : d.readings()) {
                    if (firstTs == Long.MIN_VALUE) {
                        firstTs = r.ts();
                        assertTrue(firstTs >= t0 && firstTs <= t1, "the first row is now: " + firstTs + " in [" + t0 + ", " + t1 + "]");
                    }
                    got.add(r.sensor() + "@" + (r.ts() - firstTs) + "=" + r.value());
                }
            }
            return got;
        }
    }

    static String root() {
        return "hwtest-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }

    @Test
    void replaysTheExampleSpedUpAsSingleReadingsThatTheBridgeReads(Services services) throws Exception {
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        Recording rec = example(catalogue);
        ReplayOptions options = ReplayOptions.builder().mqttUrl(services.mqttUrl()).topicRoot(root()).speed(Speed.parse("100")).build();
        long[] bounds = new long[2];
        List<String> got = readBack(services, catalogue, rec, options, bounds);
        assertEquals(expected(rec), got, "every reading, in order, with the recorded spacing and values");
        long took = bounds[1] - bounds[0];
        assertTrue(took >= 2_900 && took < 10_000, "5 min at 100x: about 3 s, took " + took + " ms");
    }

    @Test
    void replaysTheExampleAtMaxSpeedInSenmlPacks(Services services) throws Exception {
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        Recording rec = example(catalogue);
        ReplayOptions options = ReplayOptions.builder().mqttUrl(services.mqttUrl()).topicRoot(root()).speed(Speed.MAX).pack(20)
                .qos(1).build();
        List<String> got = readBack(services, catalogue, rec, options, new long[2]);
        assertEquals(expected(rec), got);
    }
}
