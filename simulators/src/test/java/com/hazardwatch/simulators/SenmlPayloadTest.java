package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.json.ReadingCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenmlPayloadTest {
    @Test
    void followsTheSenmlContract() {
        byte[] bytes = SenmlPayload.encode(List.of("E01-LT101", "E01-TT101", "E01-PT101"),
                new long[] {1_718_000_000_123L, 1_718_000_000_135L, 1_718_000_001_123L}, new double[] {55.3, 21.0, 0.0001});
        assertEquals("[{\"bt\":1718000000.123,\"n\":\"E01-LT101\",\"v\":55.3},{\"n\":\"E01-TT101\",\"t\":0.012,\"v\":21.0},"
                + "{\"n\":\"E01-PT101\",\"t\":1.000,\"v\":1.0E-4}]", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void secondsWithMillisecondPrecision() {
        StringBuilder sb = new StringBuilder();
        SenmlPayload.seconds(sb, 1_718_000_000_000L);
        sb.append(' ');
        SenmlPayload.seconds(sb, 7);
        sb.append(' ');
        SenmlPayload.seconds(sb, -1_250);
        assertEquals("1718000000.000 0.007 -1.250", sb.toString());
        assertThrows(IllegalArgumentException.class, () -> SenmlPayload.encode(List.of(), new long[0], new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> SenmlPayload.encode(List.of("a"), new long[] {1}, new double[] {Double.NaN}));
    }

    @Test
    void theBridgeCodecReadsBackEveryReadingOfEveryPack() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions o = SimulatorOptions.builder().rate(5_000.0).pack(25).seed(3).build();
        Packer packer = new Packer(new TrafficPlan(demo, o, null, 0), "hw", o.pack(), 2_000_000_000L);
        long start = 1_718_000_000_000L;
        int packs = 0;
        int readings = 0;
        Packer.Pack p;
        while ((p = packer.next()) != null) {
            List<String> ids = new ArrayList<>();
            long[] ts = new long[p.readings().size()];
            double[] vs = new double[ts.length];
            List<Reading> expected = new ArrayList<>();
            for (int i = 0; i < ts.length; i++) {
                TrafficPlan.Reading r = p.readings().get(i);
                ids.add(r.sensor().id());
                ts[i] = start + r.dueNanos() / 1_000_000L;
                vs[i] = r.value();
                expected.add(new Reading(r.sensor().id(), r.sensor().enterprise(), r.sensor().source(), r.sensor().kind().code(),
                        ts[i], r.value(), Quality.GOOD, 7L));
            }
            ReadingCodec.Decoded d = ReadingCodec.decodeMqtt(p.topic(), SenmlPayload.encode(ids, ts, vs), "hw", demo, 7L);
            assertEquals(List.of(), d.rejects(), p.topic());
            assertEquals(expected, d.readings());
            packs++;
            readings += ts.length;
        }
        assertEquals(10_000, readings, 2);
        assertEquals(true, packs < readings / 10, packs + " packs");
    }
}
