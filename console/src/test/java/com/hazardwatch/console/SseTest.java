package com.hazardwatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SseTest {
    @Test
    void oneEventWithNameIdAndData() {
        assertEquals("event: transition\nid: 7\ndata: {\"a\":1}\n\n", Sse.event("transition", "7", "{\"a\":1}"));
    }

    @Test
    void everyLineOfTheDataIsItsOwnDataLine() {
        assertEquals("data: one\ndata: two\ndata: \ndata: three\n\n", Sse.event(null, null, "one\r\ntwo\n\rthree"));
    }

    @Test
    void nameAndIdCannotBreakTheFrame() {
        assertEquals("event: a b\nid: 1 2\ndata: x\n\n", Sse.event("a\nb", "1\r2", "x"));
    }

    @Test
    void commentsAndRetry() {
        assertEquals(": ping 5\n\n", Sse.comment("ping 5"));
        assertEquals(": a b\n\n", Sse.comment("a\nb"));
        assertEquals("retry: 3000\n\n", Sse.retry(3000));
    }

    @Test
    void whatTheTestClientParsesIsWhatWasFramed() throws Exception {
        var q = new java.util.concurrent.LinkedBlockingQueue<com.hazardwatch.testsupport.ConsoleClient.Event>();
        String wire = Sse.retry(3000) + Sse.comment("hello") + Sse.event("snapshot", "1", "{\"alarms\":[]}")
                + Sse.event("transition", "2", "line1\nline2");
        com.hazardwatch.testsupport.ConsoleClient.readEvents(
                new java.io.ByteArrayInputStream(wire.getBytes(java.nio.charset.StandardCharsets.UTF_8)), q);
        assertEquals(2, q.size());
        var first = q.take();
        assertEquals("snapshot", first.name());
        assertEquals("1", first.id());
        assertEquals("{\"alarms\":[]}", first.data());
        assertEquals("line1\nline2", q.take().data());
    }
}
