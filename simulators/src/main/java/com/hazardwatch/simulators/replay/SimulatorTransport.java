package com.hazardwatch.simulators.replay;

import com.hazardwatch.simulators.SimulatorException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The simulator's MQTT transport, used by the replay as it is: {@code com.hazardwatch.simulators.MqttTransport} (the
 * Paho v5 client of {@code simulate}, with its connection options, automatic reconnect and Receive Maximum) in a real
 * run, or any other implementation of the simulator's {@code Transport} (its tests' FakeBroker).
 *
 * <p>The simulator keeps {@code Transport} and {@code MqttTransport} package-private, so they are reached here by
 * reflection, in this one class; its methods are those of {@code Transport}, with a {@link Listener} of the same shape.
 * Should the simulator make them public, this class becomes a plain delegate. A change of their signatures fails
 * {@code SimulatorTransportTest}.
 */
public final class SimulatorTransport {
    /** Outcomes and connection changes, called from the transport's own threads (never publish from them). */
    public interface Listener {
        /** The broker answered a message (QoS 1: PUBACK; QoS 0: written); 0x80 and above: it refused it. */
        void delivered(Object context, int reasonCode);

        /** A message handed over was not delivered: the connection went down before its outcome was known. */
        void lost(Object context, Throwable cause);

        /** The connection went down; the transport reconnects by itself. */
        void connectionLost(String why);

        /** A connection is up; reconnect true for every one after the first. */
        void connected(boolean reconnect, String serverUri);

        /** An error worth a line. */
        void error(String message);
    }

    private static final String PACKAGE = "com.hazardwatch.simulators.";
    private static final Class<?> TRANSPORT = load("Transport");
    private static final Class<?> LISTENER = load("Transport$Listener");
    private static final Method CONNECT = method("connect", LISTENER);
    private static final Method IS_CONNECTED = method("isConnected");
    private static final Method PUBLISH = method("publish", String.class, byte[].class, int.class, Object.class);
    private static final Method CLOSE = method("close");

    private final Object target;

    private SimulatorTransport(Object target) {
        this.target = target;
    }

    /** The Paho transport of {@code simulate}, not connected yet. */
    public static SimulatorTransport mqtt(String url, String clientId) {
        try {
            Constructor<?> c = load("MqttTransport").getDeclaredConstructor(String.class, String.class);
            c.setAccessible(true);
            return new SimulatorTransport(c.newInstance(url, clientId));
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the simulator's MqttTransport(String url, String clientId) is not there", e);
        }
    }

    /** Another implementation of the simulator's Transport, e.g. the FakeBroker of its tests. */
    public static SimulatorTransport of(Object transport) {
        if (!TRANSPORT.isInstance(Objects.requireNonNull(transport, "transport"))) {
            throw new IllegalArgumentException(transport.getClass().getName() + " is not a " + TRANSPORT.getName());
        }
        return new SimulatorTransport(transport);
    }

    /**
     * Connects, blocking until the broker accepted the connection.
     *
     * @return the broker's Receive Maximum from its CONNACK, or 0 when it gave none
     * @throws SimulatorException when the broker cannot be reached
     */
    public int connect(Listener listener) throws SimulatorException {
        Objects.requireNonNull(listener, "listener");
        InvocationHandler h = (proxy, m, args) -> switch (m.getName()) {
            case "delivered" -> {
                listener.delivered(args[0], (Integer) args[1]);
                yield null;
            }
            case "lost" -> {
                listener.lost(args[0], (Throwable) args[1]);
                yield null;
            }
            case "connectionLost" -> {
                listener.connectionLost((String) args[0]);
                yield null;
            }
            case "connected" -> {
                listener.connected((Boolean) args[0], (String) args[1]);
                yield null;
            }
            case "error" -> {
                listener.error((String) args[0]);
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "listener of " + listener;
            default -> throw new UnsupportedOperationException(m.getName());
        };
        Object proxy = Proxy.newProxyInstance(LISTENER.getClassLoader(), new Class<?>[] {LISTENER}, h);
        try {
            return (Integer) CONNECT.invoke(target, proxy);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SimulatorException se) {
                throw se;
            }
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isConnected() {
        try {
            return (Boolean) IS_CONNECTED.invoke(target);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Hands one message over; the outcome goes to the listener with this context.
     *
     * @throws MqttException when the message is not taken now (window full, not connected, invalid)
     */
    public void publish(String topic, byte[] payload, int qos, Object context) throws MqttException {
        try {
            PUBLISH.invoke(target, topic, payload, qos, context);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MqttException me) {
                throw me;
            }
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Disconnects and releases everything; idempotent. */
    public void close() {
        try {
            CLOSE.invoke(target);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String simpleName) {
        try {
            return Class.forName(PACKAGE + simpleName, false, SimulatorTransport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the simulator's " + simpleName + " is not there", e);
        }
    }

    private static Method method(String name, Class<?>... types) {
        try {
            Method m = TRANSPORT.getDeclaredMethod(name, types);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the simulator's Transport has no " + name + " method as the replay uses it", e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }
}
