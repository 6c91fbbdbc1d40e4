package com.hazardwatch.simulators.replay;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's test transport, {@code com.hazardwatch.simulators.FakeBroker} (a fake clock and broker in one), from
 * the replay's package: it is package-private there, so it is reached by reflection, like the transport itself in
 * {@link SimulatorTransport}.
 */
final class FakeBrokers {
    /** A message as the fake broker received it. */
    record Message(long atNanos, String topic, String payload) {}

    private static final String PACKAGE = "com.hazardwatch.simulators.";

    private FakeBrokers() {}

    /** A new FakeBroker whose clock reads {@code epochBase} epoch millis at time 0. */
    static Object create(long epochBase) {
        try {
            Constructor<?> c = Class.forName(PACKAGE + "FakeBroker").getDeclaredConstructor(long.class);
            c.setAccessible(true);
            return c.newInstance(epochBase);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the simulator's FakeBroker(long) is not there", e);
        }
    }

    /** The broker's clock, as the replay's. */
    static ReplayClock clock(Object broker) {
        Method nanoTime = method("SimClock", "nanoTime");
        Method epochMillis = method("SimClock", "epochMillis");
        Method park = method("SimClock", "park", long.class);
        return new ReplayClock() {
            @Override
            public long nanoTime() {
                return (Long) call(nanoTime, broker);
            }

            @Override
            public long epochMillis() {
                return (Long) call(epochMillis, broker);
            }

            @Override
            public void park(long nanos) {
                call(park, broker, nanos);
            }
        };
    }

    /** What the broker received, in order. */
    static List<Message> received(Object broker) {
        List<Message> out = new ArrayList<>();
        for (Object m : (List<?>) field(broker, "received")) {
            out.add(new Message((Long) call(accessor(m, "atNanos"), m), (String) call(accessor(m, "topic"), m),
                    new String((byte[]) call(accessor(m, "payload"), m), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Sets a field of the broker, e.g. {@code publishCostNanos}, {@code receiveMaximum}. */
    static void set(Object broker, String name, Object value) {
        try {
            Field f = broker.getClass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(broker, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("FakeBroker has no field " + name, e);
        }
    }

    /** The connection goes down at {@code fromNanos} and comes back at {@code toNanos}. */
    static void outage(Object broker, long fromNanos, long toNanos) {
        try {
            Method m = broker.getClass().getDeclaredMethod("outage", long.class, long.class);
            m.setAccessible(true);
            m.invoke(broker, fromNanos, toNanos);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code action} once when the broker's clock passes {@code atNanos}. */
    static void at(Object broker, long atNanos, java.util.function.LongConsumer action) {
        try {
            Method m = broker.getClass().getDeclaredMethod("at", long.class, java.util.function.LongConsumer.class);
            m.setAccessible(true);
            m.invoke(broker, atNanos, action);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Object field(Object broker, String name) {
        try {
            Field f = broker.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(broker);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("FakeBroker has no field " + name, e);
        }
    }

    private static Method method(String type, String name, Class<?>... params) {
        try {
            Method m = Class.forName(PACKAGE + type).getDeclaredMethod(name, params);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Method accessor(Object record, String name) {
        try {
            Method m = record.getClass().getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object call(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
