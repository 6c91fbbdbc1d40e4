package com.hazardwatch.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazardwatch.model.json.Json;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over the JDK's HttpExchange: query and form parsing, cookies, answers with the console's headers. */
final class Http {
    private Http() {}

    static final int MAX_BODY = 64 * 1024;
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    static Map<String, String> query(HttpExchange x) {
        return form(x.getRequestURI().getRawQuery());
    }

    static Map<String, String> form(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }

    static String body(HttpExchange x) throws IOException {
        return body(x, MAX_BODY);
    }

    static String body(HttpExchange x, int max) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new IllegalArgumentException("request body is larger than " + max + " bytes");
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    static String cookie(HttpExchange x, String name) {
        for (String header : x.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                int i = part.indexOf('=');
                if (i > 0 && part.substring(0, i).trim().equals(name)) {
                    return part.substring(i + 1).trim();
                }
            }
        }
        return null;
    }

    static void headers(HttpExchange x, String contentType) {
        var h = x.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "same-origin");
        h.set("Content-Security-Policy", CSP);
    }

    static void send(HttpExchange x, int status, String contentType, byte[] body) throws IOException {
        headers(x, contentType);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }

    static void json(HttpExchange x, int status, Object value) throws IOException {
        byte[] b;
        try {
            b = Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write JSON: " + e.getMessage(), e);
        }
        send(x, status, "application/json; charset=utf-8", b);
    }

    static void error(HttpExchange x, int status, String message) throws IOException {
        json(x, status, Map.of("error", message, "status", status));
    }

    static void html(HttpExchange x, int status, String html) throws IOException {
        send(x, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().set("Location", location);
        headers(x, "text/plain; charset=utf-8");
        x.sendResponseHeaders(303, -1);
        x.close();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
