package com.hazardwatch.console;

/**
 * Server-Sent Events framing (WHATWG HTML, "Server-sent events"): {@code event:}, {@code id:}, one {@code data:} line
 * per line of the data, a blank line to end the event; a line starting with ':' is a comment (keep-alive).
 */
public final class Sse {
    private Sse() {}

    /** How long a browser waits before it reconnects a dropped stream, sent first on every stream. */
    public static final int RETRY_MS = 3000;

    /** One event; name and id may be null (then omitted). Line breaks in the data become further data lines. */
    public static String event(String name, String id, String data) {
        StringBuilder b = new StringBuilder();
        if (name != null) {
            b.append("event: ").append(oneLine(name)).append('\n');
        }
        if (id != null) {
            b.append("id: ").append(oneLine(id)).append('\n');
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        return b.append('\n').toString();
    }

    /** A comment line, ignored by the browser: keeps proxies and the connection check alive. */
    public static String comment(String text) {
        return ": " + oneLine(text) + "\n\n";
    }

    public static String retry(int ms) {
        return "retry: " + ms + "\n\n";
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
