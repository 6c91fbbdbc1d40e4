package com.hazardwatch.connectors.kafka;

import com.hazardwatch.model.catalogue.CatalogueEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the catalogue topic for as long as it runs: a daemon thread with a consumer of its own (no group: it is
 * assigned every partition and starts at the beginning) hands every valid entry, in topic order, to a listener. Records
 * that are not entries are logged with their offset and skipped. When Kafka goes away the consumer keeps reconnecting
 * and the follower carries on where it was.
 *
 * <p>A push arrives as a burst of entries, possibly over several polls. The follower calls {@code endOfBatch} once a
 * burst is over (a poll brings nothing more), once what was on the topic at start has been handed over, or at the latest
 * {@link #MAX_BATCH} after the first entry of a batch, so that a listener can apply a push as a whole.
 */
public final class CatalogueFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueFollower.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final long FIRST_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 30_000;
    /** Longest an entry waits for the end of its batch while entries keep arriving. */
    static final Duration MAX_BATCH = Duration.ofSeconds(2);

    private final String bootstrap;
    private final String topic;
    private final Consumer<CatalogueEntry> listener;
    private final Runnable endOfBatch;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private CatalogueFollower(String bootstrap, Properties security, String topic, Consumer<CatalogueEntry> listener,
                              Runnable endOfBatch) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.listener = listener;
        this.endOfBatch = endOfBatch;
        this.consumer = new KafkaConsumer<>(CatalogueTopic.consumerProperties(bootstrap, security, "hw-catalogue-follower"));
        this.thread = new Thread(this::run, "catalogue-follower-" + topic);
        thread.setDaemon(true);
    }

    /** Starts following topic from its beginning, handing each valid entry to listener (on the follower's thread). */
    public static CatalogueFollower start(String bootstrap, String topic, Consumer<CatalogueEntry> listener) {
        return start(bootstrap, topic, listener, () -> {});
    }

    /** As {@link #start(String, String, Consumer)}, calling endOfBatch once the entries waiting on the topic were handed over. */
    public static CatalogueFollower start(String bootstrap, String topic, Consumer<CatalogueEntry> listener, Runnable endOfBatch) {
        return start(bootstrap, new Properties(), topic, listener, endOfBatch);
    }

    /** As {@link #start(String, String, Consumer, Runnable)} with the client security properties of {@link KafkaClients#security}. */
    public static CatalogueFollower start(String bootstrap, Properties security, String topic, Consumer<CatalogueEntry> listener,
                                         Runnable endOfBatch) {
        CatalogueFollower f = new CatalogueFollower(bootstrap, security, topic, listener, endOfBatch);
        f.thread.start();
        return f;
    }

    /**
     * Waits until every entry that was on the topic when the follower started has been handed over (and endOfBatch
     * called), or the timeout passes.
     *
     * @return whether it caught up in time
     */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Entries handed to the listener so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Times following failed (Kafka unreachable, a listener throwing) and was retried. */
    public long failures() {
        return failures.get();
    }

    /** Whether the follower's thread is running. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        List<TopicPartition> partitions = null;
        Map<TopicPartition, Long> startEnd = null;
        boolean pending = false;
        long pendingSince = 0;
        boolean reportedMissing = false;
        long backoff = FIRST_BACKOFF_MS;
        try {
            while (stop.getCount() > 0) {
                try {
                    if (partitions == null) {
                        List<TopicPartition> p = CatalogueTopic.partitions(consumer, topic);
                        if (p.isEmpty()) {
                            if (!reportedMissing) {
                                LOG.warn("catalogue: topic {} does not exist on {}; following it once it does", topic, bootstrap);
                                reportedMissing = true;
                            }
                            caughtUp.countDown(); // nothing to catch up with
                            pause(FIRST_BACKOFF_MS);
                            continue;
                        }
                        consumer.assign(p);
                        consumer.seekToBeginning(p);
                        partitions = p;
                    }
                    if (startEnd == null && caughtUp.getCount() > 0) {
                        startEnd = consumer.endOffsets(partitions, CatalogueTopic.TIMEOUT);
                    }
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        CatalogueEntry e = CatalogueTopic.decodeOrReport(r);
                        if (e != null) {
                            deliver(e);
                            if (!pending) {
                                pending = true;
                                pendingSince = System.nanoTime();
                            }
                        }
                    }
                    boolean startDone = caughtUp.getCount() > 0 && CatalogueTopic.reached(consumer, startEnd);
                    if (pending && (records.isEmpty() || startDone || System.nanoTime() - pendingSince > MAX_BATCH.toNanos())) {
                        pending = false;
                        endBatch();
                    }
                    if (startDone) {
                        caughtUp.countDown();
                    }
                    backoff = FIRST_BACKOFF_MS;
                } catch (WakeupException e) {
                    // close() woke the consumer up; the loop condition ends it
                } catch (RuntimeException e) {
                    // Kafka unreachable or slow: the consumer reconnects by itself, keeping its position
                    if (stop.getCount() == 0) {
                        break;
                    }
                    failures.incrementAndGet();
                    LOG.warn("catalogue: following {} on {}: {}; trying again in {} s", topic, bootstrap, e.toString(), backoff / 1000);
                    pause(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                }
            }
        } finally {
            consumer.close();
        }
    }

    private void deliver(CatalogueEntry e) {
        try {
            listener.accept(e);
            delivered.incrementAndGet();
        } catch (RuntimeException ex) {
            failures.incrementAndGet();
            LOG.error("catalogue: applying the entry of {} (revision {}) failed", e.sensorId(), e.revision(), ex);
        }
    }

    private void endBatch() {
        try {
            endOfBatch.run();
        } catch (RuntimeException ex) {
            failures.incrementAndGet();
            LOG.error("catalogue: applying a batch of entries failed", ex);
        }
    }

    private void pause(long ms) {
        try {
            stop.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    /** Stops following and closes the consumer; returns once the thread ended (at most about 10 s). */
    @Override
    public void close() {
        stop.countDown();
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
