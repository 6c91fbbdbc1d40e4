package com.hazardwatch.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in a list of this JVM, by name: for jobs on a local MiniCluster, which runs in the
 * test's JVM. Records arrive in the order the sink task receives them.
 */
public final class CollectSink<T> implements Sink<T> {
    private static final Map<String, List<Object>> LISTS = new ConcurrentHashMap<>();
    private final String name;

    private CollectSink(String name) {
        this.name = name;
    }

    /** A new, empty collection under this name (a previous one of the same name is dropped). */
    public static <T> CollectSink<T> named(String name) {
        LISTS.put(name, new CopyOnWriteArrayList<>());
        return new CollectSink<>(name);
    }

    /** What the sink of this name has received so far. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> received(String name) {
        return new ArrayList<>((List<T>) (List<?>) LISTS.getOrDefault(name, List.of()));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> list = LISTS.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                list.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
