package com.hazardwatch.connectors.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AckWindowTest {
    private final AckWindow w = new AckWindow();

    private static List<Integer> ids(AckWindow.Drain d) {
        return d.acks().stream().map(AckWindow.Ack::messageId).toList();
    }

    @Test
    void acknowledgesInArrivalOrderOnlyOnceKafkaHasEveryRecord() {
        AckWindow.Entry m1 = w.add(1, 11, 1, 2);
        AckWindow.Entry m2 = w.add(1, 12, 1, 1);
        w.recordDone(m2, true);
        assertEquals(List.of(), ids(w.drain(1)), "m2 is complete, but m1 before it is not");
        w.recordDone(m1, true);
        assertEquals(List.of(), ids(w.drain(1)), "m1 still awaits its second record");
        assertEquals(2, w.size());
        w.recordDone(m1, true);
        assertEquals(List.of(11, 12), ids(w.drain(1)));
        assertEquals(0, w.size());
    }

    @Test
    void aMessageWithoutRecordsIsCompleteAtOnceAndQosZeroIsNeverAcknowledged() {
        w.add(1, 5, 1, 0);
        w.add(1, 0, 0, 0);
        AckWindow.Drain d = w.drain(1);
        assertEquals(List.of(new AckWindow.Ack(5, 1)), d.acks());
        assertEquals(0, w.size());
    }

    @Test
    void aRefusedRecordStopsAcknowledgementsAtItsMessage() {
        AckWindow.Entry m1 = w.add(1, 1, 1, 1);
        AckWindow.Entry m2 = w.add(1, 2, 1, 2);
        AckWindow.Entry m3 = w.add(1, 3, 1, 1);
        w.recordDone(m1, true);
        w.recordDone(m2, true);
        w.recordDone(m2, false);
        w.recordDone(m3, true);
        AckWindow.Drain d = w.drain(1);
        assertEquals(List.of(1), ids(d));
        assertTrue(d.failedHead());
        AckWindow.Drain again = w.drain(1);
        assertTrue(again.acks().isEmpty(), "nothing behind the refused message, even complete, is acknowledged");
        assertTrue(again.failedHead());
    }

    @Test
    void messagesOfAnEarlierConnectionAreDroppedUnacknowledged() {
        AckWindow.Entry old1 = w.add(1, 7, 1, 1);
        w.add(1, 8, 1, 1); // never answered: dropped all the same
        AckWindow.Entry failed = w.add(1, 9, 1, 1);
        w.recordDone(failed, false);
        AckWindow.Entry fresh = w.add(2, 7, 1, 1);
        w.recordDone(old1, true);
        w.recordDone(fresh, true);
        AckWindow.Drain d = w.drain(2);
        assertEquals(3, d.dropped());
        assertFalse(d.failedHead(), "a refusal on the earlier connection is its business: the broker redelivers");
        assertEquals(List.of(7), ids(d), "only the message of the connection in use");
        assertEquals(0, w.size());
    }

    @Test
    void awaitReturnsAtOnceWhenSomethingWasAnsweredSinceTheLastCall() throws InterruptedException {
        AckWindow.Entry m = w.add(1, 1, 1, 1);
        w.recordDone(m, true);
        long t0 = System.nanoTime();
        w.await(5_000);
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    }
}
