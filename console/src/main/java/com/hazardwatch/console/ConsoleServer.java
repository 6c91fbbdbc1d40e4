package com.hazardwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.connectors.influx.InfluxConnection;
import com.hazardwatch.connectors.kafka.KafkaTopics;
import com.hazardwatch.console.auth.Role;
import com.hazardwatch.console.auth.Session;
import com.hazardwatch.console.auth.Sessions;
import com.hazardwatch.console.auth.Users;
import com.hazardwatch.console.health.AlarmKpis;
import com.hazardwatch.console.health.WeeklyDigest;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.CommandType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.json.AlarmCodec;
import com.hazardwatch.model.json.CommandCodec;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.model.json.RiskCodec;
import com.hazardwatch.notifications.Level;
import com.hazardwatch.notifications.Roster;
import com.hazardwatch.notifications.RosterException;
import com.hazardwatch.notifications.RosterFile;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The command centre's web console (docs/console.md): the JDK's HttpServer serving static pages and a JSON API, the
 * live alarm list as Server-Sent Events, operator commands to hw.commands, the four-colour board from hw.risk, the
 * alarm-system health and weekly digest, the notification log from hw.notifications, accounts with roles.
 *
 * <p>{@link #start()} reads hw.alarms to its end before it listens, so the standing alarms are there from the first
 * page; {@link #close()} stops the server, the topic readers and the producer.
 */
public final class ConsoleServer implements AutoCloseable {
    /** How long a command's POST waits for the engine's answer on hw.alarms before it answers "pending". */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
    static final Duration CATCH_UP = Duration.ofSeconds(60);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final int MAX_STREAMS = 64;
    static final String LANG_COOKIE = "hw_lang";
    /** The largest roster a supervisor may send (a district of hundreds of enterprises stays well below). */
    static final int ROSTER_MAX_BODY = 2 * 1024 * 1024;

    private final Settings settings;
    private final Catalogue catalogue;
    private final Clock clock;
    private final AlarmStore store;
    private final RiskBoard board;
    private final NotificationLog notifications = new NotificationLog();
    private final List<TopicFollower> followers = new ArrayList<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicLong eventSeq = new AtomicLong();
    private final AtomicInteger unreadable = new AtomicInteger();
    private Sessions sessions;
    private AuditLog audit;
    private RosterFile rosters;
    private KafkaProducer<String, byte[]> producer;
    private TrendQuery trends;
    private HttpServer server;
    private ExecutorService executor;
    private volatile boolean closed;
    private Duration answerWait = ANSWER_WAIT;

    public ConsoleServer(Settings settings, Catalogue catalogue) {
        this(settings, catalogue, Clock.systemUTC());
    }

    ConsoleServer(Settings settings, Catalogue catalogue, Clock clock) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.clock = clock;
        this.store = new AlarmStore(catalogue, clock);
        this.board = new RiskBoard(catalogue);
    }

    /** The console's alarm store: standing alarms and {@link AlarmStore#history()}. */
    public AlarmStore store() {
        return store;
    }

    /** How long a command waits for the engine's answer (tests without a running job shorten it). */
    public ConsoleServer answerWait(Duration d) {
        this.answerWait = d;
        return this;
    }

    public void start() throws Exception {
        Path usersFile = resolve(settings.get(HwOptions.CONSOLE_USERS));
        Users users = Users.load(usersFile);
        sessions = new Sessions(users, clock, settings.get(HwOptions.CONSOLE_SESSION_TIMEOUT));
        audit = new AuditLog(LocalServices.home().resolve("console").resolve("audit.log"), clock);
        rosters = new RosterFile(resolve(settings.get(HwOptions.NOTIFY_ROSTER)), catalogue);
        try {
            rosters.load();
        } catch (RosterException e) {
            System.err.println("console: the duty roster page shows no roster until the file is fixed (by a supervisor on"
                    + " /roster, or in the file): " + e.getMessage());
        }
        String bootstrap = settings.get(HwOptions.KAFKA_BOOTSTRAP);
        String alarms = settings.get(HwOptions.TOPIC_ALARMS);
        String risk = settings.get(HwOptions.TOPIC_RISK);
        String commands = settings.get(HwOptions.TOPIC_COMMANDS);
        String notes = settings.get(HwOptions.TOPIC_NOTIFICATIONS);
        KafkaTopics.ensure(bootstrap, settings.get(HwOptions.TOPIC_PARTITIONS), alarms, risk, commands, notes);

        followers.add(new TopicFollower(bootstrap, alarms, r -> {
            try {
                store.apply(AlarmCodec.lifecycleFromJson(r.value()));
            } catch (IOException | RuntimeException e) {
                if (unreadable.incrementAndGet() <= 10) {
                    System.err.println("console: unreadable record on " + alarms + " at " + r.partition() + "@" + r.offset() + ": " + e.getMessage());
                }
            }
        }));
        followers.add(new TopicFollower(bootstrap, risk, r -> {
            try {
                var c = RiskCodec.fromJson(r.value());
                board.apply(c);
                broadcast("risk", RiskCodec.toTree(c));
            } catch (IOException e) {
                System.err.println("console: unreadable record on " + risk + " at " + r.partition() + "@" + r.offset() + ": " + e.getMessage());
            }
        }));
        followers.add(new TopicFollower(bootstrap, notes, r -> {
            try {
                notifications.add(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value(), r.offset());
            } catch (IOException e) {
                System.err.println("console: unreadable record on " + notes + " at " + r.partition() + "@" + r.offset() + ": " + e.getMessage());
            }
        }));
        followers.forEach(TopicFollower::start);
        for (TopicFollower f : followers) {
            f.awaitCaughtUp(CATCH_UP);
        }

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        trends = new TrendQuery(InfluxConnection.from(settings));

        String bind = settings.get(HwOptions.CONSOLE_BIND);
        int port = settings.get(HwOptions.CONSOLE_PORT);
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        } catch (IOException e) {
            throw new IOException("console: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (another program on that port? choose another with --set console.port=N)", e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "console-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The port the console listens on (the chosen one when console.port is 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        closed = true;
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        followers.forEach(TopicFollower::close);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (trends != null) {
            trends.close();
        }
    }

    private static Path resolve(String file) {
        Path p = Path.of(file);
        return p.isAbsolute() ? p : LocalServices.installRoot().resolve(p);
    }

    // ---------------------------------------------------------------- routing

    private static final Map<String, String> PAGES = Map.of(
            "/", "alarms", "/board", "board", "/alarm", "alarm", "/health", "health", "/digest", "digest",
            "/notifications", "notifications", "/roster", "roster");

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (path.startsWith("/static/")) {
                staticFile(x, path.substring("/static/".length()));
                return;
            }
            if (path.equals("/login")) {
                if (method.equals("POST")) {
                    loginPost(x);
                } else {
                    loginPage(x, null, 200);
                }
                return;
            }
            if (path.equals("/favicon.ico")) {
                Http.send(x, 404, "text/plain", new byte[0]);
                return;
            }
            Optional<Session> session = sessions.find(Http.cookie(x, Sessions.COOKIE));
            boolean api = path.startsWith("/api/") || path.equals("/events") || path.equals("/digest.csv");
            if (session.isEmpty()) {
                if (api) {
                    Http.error(x, 401, "not logged in, or the session ended after " + Durations.format(sessions.idleTimeout())
                            + " without use: log in again at /login");
                } else {
                    Http.redirect(x, "/login");
                }
                return;
            }
            Session s = session.get();
            if (method.equals("POST")) {
                if (!sameOrigin(x)) {
                    audit.record(s.user().username(), s.user().role().code(), "origin-rejected", Map.of("path", path));
                    Http.error(x, 403, "request from another site refused (Origin does not match the console)");
                    return;
                }
                String given = x.getRequestHeaders().getFirst(Sessions.CSRF_HEADER);
                String body = Http.body(x, path.equals("/api/roster") ? ROSTER_MAX_BODY : Http.MAX_BODY);
                if (given == null && path.equals("/logout")) {
                    given = Http.form(body).get(Sessions.CSRF_FIELD);
                }
                if (!Sessions.csrfMatches(s, given)) {
                    audit.record(s.user().username(), s.user().role().code(), "csrf-rejected", Map.of("path", path));
                    Http.error(x, 403, "missing or wrong CSRF token: send the page's token in header " + Sessions.CSRF_HEADER
                            + " (reload the page to get a fresh one)");
                    return;
                }
                switch (path) {
                    case "/logout" -> logout(x, s);
                    case "/api/command" -> command(x, s, body);
                    case "/api/roster" -> rosterSave(x, s, body);
                    default -> Http.error(x, 404, "no POST route " + path);
                }
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                Http.error(x, 405, "method " + method + " not allowed on " + path);
                return;
            }
            Map<String, String> q = Http.query(x);
            String page = PAGES.get(path);
            if (page != null) {
                page(x, s, page);
                return;
            }
            switch (path) {
                case "/events" -> events(x, s);
                case "/api/me" -> Http.json(x, 200, me(s));
                case "/api/catalogue" -> Http.json(x, 200, catalogueJson());
                case "/api/alarms" -> Http.json(x, 200, Map.of("alarms", store.standing(AlarmFilter.of(q)), "at", clock.millis()));
                case "/api/alarm" -> alarmDetail(x, q.get("id"));
                case "/api/trend" -> trend(x, q);
                case "/api/board" -> Http.json(x, 200, board.board(store.standingByTown(), store.standingByEnterprise()));
                case "/api/health" -> Http.json(x, 200, AlarmKpis.compute(store.history(), clock.instant(), ZoneId.systemDefault()));
                case "/api/digest" -> Http.json(x, 200, digest());
                case "/digest.csv" -> {
                    x.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"hazardwatch-digest.csv\"");
                    // with the UTF-8 byte order mark: spreadsheets read UTF-8 Chinese names only with it
                    Http.send(x, 200, "text/csv; charset=utf-8", digest().toCsv());
                }
                case "/api/roster" -> rosterJson(x);
                case "/api/roster/source" -> rosterSource(x, s);
                case "/api/notifications" -> Http.json(x, 200, Map.of("notifications",
                        notifications.newestFirst(intParam(q, "limit", 500, 1, NotificationLog.MAX)),
                        "topic", settings.get(HwOptions.TOPIC_NOTIFICATIONS)));
                default -> Http.error(x, 404, "no such page or API: " + path);
            }
        } catch (IllegalArgumentException e) {
            Http.error(x, 400, e.getMessage());
        } catch (IOException e) {
            x.close(); // the browser went away
        } catch (Exception e) {
            System.err.println("console: " + x.getRequestMethod() + " " + x.getRequestURI() + " failed: " + e);
            try {
                Http.error(x, 500, "the console could not answer: " + e.getMessage());
            } catch (IOException ignored) {
                x.close();
            }
        }
    }

    private static boolean sameOrigin(HttpExchange x) {
        String origin = x.getRequestHeaders().getFirst("Origin");
        String host = x.getRequestHeaders().getFirst("Host");
        return origin == null || host == null || origin.equals("http://" + host) || origin.equals("https://" + host);
    }

    private static int intParam(Map<String, String> q, String name, int dflt, int min, int max) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", found " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, found '" + v + "'");
        }
    }

    // ---------------------------------------------------------------- pages

    private void staticFile(HttpExchange x, String name) throws IOException {
        if (!name.matches("[a-z0-9-]+\\.(css|js|svg)")) {
            Http.send(x, 404, "text/plain", "no such file".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] b = resource("console/static/" + name);
        if (b == null) {
            Http.send(x, 404, "text/plain", "no such file".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String type = name.endsWith(".css") ? "text/css; charset=utf-8" : name.endsWith(".js")
                ? "text/javascript; charset=utf-8" : "image/svg+xml";
        Http.send(x, 200, type, b);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String text(String name) throws IOException {
        byte[] b = resource(name);
        if (b == null) {
            throw new IOException("resource " + name + " is missing from the console jar");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private String lang(HttpExchange x) {
        return "en".equals(Http.cookie(x, LANG_COOKIE)) ? "en" : "zh";
    }

    private void page(HttpExchange x, Session s, String page) throws IOException {
        String body = text("console/pages/" + page + ".html");
        if (!s.user().role().atLeast(ROSTER_EDITOR)) {
            body = body.replaceAll("(?s)<!--supervisor-->.*?<!--/supervisor-->", ""); // not drawn for other roles
        }
        String html = text("console/pages/layout.html")
                .replace("{{body}}", body)
                .replace("{{page}}", page)
                .replace("{{lang}}", lang(x).equals("en") ? "en" : "zh-CN")
                .replace("{{csrf}}", Http.escape(s.csrfToken()))
                .replace("{{role}}", s.user().role().code())
                .replace("{{username}}", Http.escape(s.user().username()))
                .replace("{{displayName}}", Http.escape(s.user().displayName()));
        Http.html(x, 200, html);
    }

    private void loginPage(HttpExchange x, String errorKey, int status) throws IOException {
        String html = text("console/pages/login.html")
                .replace("{{lang}}", lang(x).equals("en") ? "en" : "zh-CN")
                .replace("{{errorKey}}", errorKey == null ? "" : errorKey)
                .replace("{{errorText}}", errorKey == null ? "" : lang(x).equals("en")
                        ? "Wrong username or password." : "用户名或密码错误。")
                .replace("{{errorHidden}}", errorKey == null ? "hidden" : "");
        Http.html(x, status, html);
    }

    private void loginPost(HttpExchange x) throws IOException {
        if (!sameOrigin(x)) {
            Http.error(x, 403, "login from another site refused (Origin does not match the console)");
            return;
        }
        Map<String, String> f = Http.form(Http.body(x));
        String username = f.getOrDefault("username", "").trim();
        char[] password = f.getOrDefault("password", "").toCharArray();
        Optional<Session> s = username.isEmpty() ? Optional.empty() : sessions.login(username, password);
        Arrays.fill(password, '\0');
        String remote = x.getRemoteAddress().getAddress().getHostAddress();
        if (s.isEmpty()) {
            audit.record(username, null, "login-failed", Map.of("remote", remote));
            loginPage(x, "login.failed", 401);
            return;
        }
        audit.record(username, s.get().user().role().code(), "login", Map.of("remote", remote));
        x.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=" + s.get().token()
                + "; Path=/; HttpOnly; SameSite=Strict");
        Http.redirect(x, "/");
    }

    private void logout(HttpExchange x, Session s) throws IOException {
        sessions.logout(s.token());
        audit.record(s.user().username(), s.user().role().code(), "logout", Map.of());
        x.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        Http.redirect(x, "/login");
    }

    // ---------------------------------------------------------------- API

    private Map<String, Object> me(Session s) {
        Role r = s.user().role();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", s.user().username());
        m.put("displayName", s.user().displayName());
        m.put("role", r.code());
        m.put("csrf", s.csrfToken());
        m.put("may", Arrays.stream(Action.values()).filter(a -> r.atLeast(a.role)).map(a -> a.code).toList());
        m.put("sessionTimeoutMs", sessions.idleTimeout().toMillis());
        m.put("maxShelveMs", settings.get(HwOptions.JOB_MAX_SHELVE).toMillis());
        m.put("mayEditRoster", r.atLeast(ROSTER_EDITOR));
        return m;
    }

    private ObjectNode catalogueJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", catalogue.name());
        ArrayNode towns = o.putArray("towns");
        for (Town t : catalogue.towns()) {
            towns.addObject().put("id", t.id()).put("name", t.name());
        }
        ArrayNode ens = o.putArray("enterprises");
        for (Enterprise e : catalogue.enterprises()) {
            ObjectNode en = ens.addObject().put("id", e.id()).put("name", e.name()).put("town", e.town());
            ArrayNode src = en.putArray("sources");
            for (Source s : e.sources()) {
                src.addObject().put("id", s.id()).put("name", s.name()).put("grade", s.grade());
            }
        }
        ArrayNode states = o.putArray("states");
        Arrays.stream(AlarmState.values()).filter(s -> s != AlarmState.NORMAL).forEach(s -> states.add(s.name()));
        ArrayNode types = o.putArray("types");
        Arrays.stream(AlarmType.values()).forEach(t -> types.add(t.name()));
        return o;
    }

    private void alarmDetail(HttpExchange x, String id) throws IOException {
        if (id == null || id.isBlank()) {
            Http.error(x, 400, "parameter id (the alarm id) is missing: /api/alarm?id=E01-LT101:HI:1732262430000");
            return;
        }
        Optional<AlarmView> a = store.alarm(id);
        List<LifecycleEvent> transitions = store.transitions(id);
        if (a.isEmpty() && transitions.isEmpty()) {
            Http.error(x, 404, "no alarm '" + id + "' is known to the console (it reads the last "
                    + AlarmStore.HISTORY.toDays() + " days of " + settings.get(HwOptions.TOPIC_ALARMS) + ")");
            return;
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.set("alarm", a.map(v -> (JsonNode) Json.mapper().valueToTree(v)).orElse(null));
        String sensorId = a.map(AlarmView::sensor).orElse(transitions.get(0).event().sensor());
        catalogue.sensor(sensorId).ifPresent(sn -> o.set("sensor", sensorJson(sn)));
        ArrayNode h = o.putArray("history");
        transitions.forEach(e -> h.add(AlarmCodec.toTree(e)));
        ArrayNode c = o.putArray("comments");
        audit.comments(id).forEach(c::add);
        Http.json(x, 200, o);
    }

    private static ObjectNode sensorJson(Sensor s) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", s.id()).put("name", s.name()).put("unit", s.unit()).put("kind", s.kind() == null ? null : s.kind().name());
        ObjectNode l = n.putObject("limits");
        l.put("LL", s.limits().ll());
        l.put("L", s.limits().l());
        l.put("H", s.limits().h());
        l.put("HH", s.limits().hh());
        if (s.range() != null) {
            n.putObject("range").put("min", s.range().min()).put("max", s.range().max());
        }
        return n;
    }

    private void trend(HttpExchange x, Map<String, String> q) throws IOException {
        String id = q.get("sensor");
        Optional<Sensor> s = id == null ? Optional.empty() : catalogue.sensor(id);
        if (s.isEmpty()) {
            Http.error(x, 404, id == null ? "parameter sensor is missing: /api/trend?sensor=E01-LT101&hours=6"
                    : "no sensor '" + id + "' in the catalogue (a trend exists only for a sensor, not for an enterprise or source)");
            return;
        }
        int hours = intParam(q, "hours", 6, 1, 24 * 30);
        ObjectNode o = Json.mapper().createObjectNode();
        o.set("sensor", sensorJson(s.get()));
        o.put("hours", hours);
        o.put("to", clock.millis());
        o.put("from", clock.millis() - hours * 3_600_000L);
        try {
            o.set("points", Json.mapper().valueToTree(trends.trend(id, hours)));
        } catch (RuntimeException e) {
            Http.error(x, 502, "InfluxDB did not answer the trend query: " + e.getMessage());
            return;
        }
        Http.json(x, 200, o);
    }

    private WeeklyDigest digest() {
        return WeeklyDigest.compute(store.history(), clock.instant(), ZoneId.systemDefault(), catalogue);
    }

    /** The operator actions, the least role allowed each, and the hw.commands command each sends (null: console only). */
    enum Action {
        ACK("ack", Role.OPERATOR, CommandType.ACK),
        SHELVE("shelve", Role.OPERATOR, CommandType.SHELVE),
        UNSHELVE("unshelve", Role.OPERATOR, CommandType.UNSHELVE),
        COMMENT("comment", Role.OPERATOR, null),
        OUT_OF_SERVICE("out-of-service", Role.SUPERVISOR, CommandType.OUT_OF_SERVICE),
        IN_SERVICE("in-service", Role.SUPERVISOR, CommandType.IN_SERVICE);

        final String code;
        final Role role;
        final CommandType command;

        Action(String code, Role role, CommandType command) {
            this.code = code;
            this.role = role;
            this.command = command;
        }

        static Action of(String code) {
            for (Action a : values()) {
                if (a.code.equals(code)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown command '" + code + "'; valid: ack, shelve, unshelve, comment, "
                    + "out-of-service, in-service");
        }
    }

    private void command(HttpExchange x, Session s, String body) throws Exception {
        JsonNode in;
        try {
            in = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the command is not JSON: " + e.getMessage());
        }
        if (in == null || !in.isObject()) {
            throw new IllegalArgumentException("the command must be a JSON object {\"command\",\"alarmId\"|\"sensor\",\"comment\",\"duration\"}");
        }
        Action action = Action.of(in.path("command").asText(""));
        String user = s.user().username();
        Role role = s.user().role();
        String alarmId = blankToNull(in.path("alarmId").asText(null));
        String sensor = blankToNull(in.path("sensor").asText(null));
        String comment = blankToNull(in.path("comment").asText(null));
        if (!role.atLeast(action.role)) {
            audit.record(user, role.code(), "forbidden", map("command", action.code, "alarmId", alarmId, "sensor", sensor));
            Http.error(x, 403, "role " + role.code() + " may not " + action.code + ": it needs role " + action.role.code()
                    + (action.role == Role.OPERATOR ? " or supervisor" : "") + " (ask the supervisor on duty)");
            return;
        }
        Optional<AlarmView> alarm = alarmId == null ? Optional.empty() : store.alarm(alarmId);
        if (alarmId != null && alarm.isEmpty()) {
            Http.error(x, 404, "no alarm '" + alarmId + "' is known to the console; reload the list");
            return;
        }
        if (action == Action.COMMENT) {
            if (alarmId == null || comment == null) {
                throw new IllegalArgumentException("comment needs an alarmId and a non-empty comment");
            }
            audit.record(user, role.code(), "comment", map("alarmId", alarmId, "sensor", alarm.get().sensor(), "comment", comment));
            Http.json(x, 200, map("status", "recorded", "message", "comment recorded in the console's audit log"));
            return;
        }
        Long durationMs = null;
        if (action.command == CommandType.SHELVE) {
            String d = blankToNull(in.path("duration").asText(null));
            if (d == null) {
                throw new IllegalArgumentException("shelve needs a duration such as 30m or 2h");
            }
            Duration dur = Durations.parse(d);
            Duration max = settings.get(HwOptions.JOB_MAX_SHELVE);
            if (dur.isZero() || dur.isNegative() || dur.compareTo(max) > 0) {
                throw new IllegalArgumentException("shelve duration must be above 0 and at most " + Durations.format(max)
                        + " (setting job.max-shelve), found " + d);
            }
            durationMs = dur.toMillis();
        }
        if (action.command.sensorLevel() && sensor == null && alarmId == null) {
            throw new IllegalArgumentException(action.code + " needs a sensor (or the alarmId of one of its alarms)");
        }
        if (sensor != null && catalogue.sensor(sensor).isEmpty()) {
            Http.error(x, 404, "no sensor '" + sensor + "' in the catalogue");
            return;
        }
        long ts = clock.millis();
        OperatorCommand cmd;
        try {
            cmd = new OperatorCommand(action.command, action.command.sensorLevel() && sensor != null ? null : alarmId,
                    action.command.sensorLevel() ? sensor : null, user, comment, durationMs, ts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("comment is missing", "a comment saying why is required"));
        }
        String key = sensor != null ? sensor : alarm.map(AlarmView::sensor).orElse(alarmId);
        var answer = store.answerTo(user, ts);
        try {
            producer.send(new ProducerRecord<>(settings.get(HwOptions.TOPIC_COMMANDS), key, CommandCodec.toJson(cmd)))
                    .get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            answer.cancel(false);
            audit.record(user, role.code(), action.code, map("alarmId", alarmId, "sensor", sensor, "comment", comment,
                    "durationMs", durationMs, "outcome", "not-sent", "error", e.toString()));
            Http.error(x, 503, "the command could not be sent to Kafka (" + settings.get(HwOptions.TOPIC_COMMANDS) + "): "
                    + (e.getCause() == null ? e : e.getCause()) + "; try again, or phone the enterprise");
            return;
        }
        audit.record(user, role.code(), action.code, map("alarmId", alarmId, "sensor", sensor, "comment", comment,
                "durationMs", durationMs, "ts", ts, "outcome", "sent"));
        Map<String, Object> out = map("command", action.code, "alarmId", alarmId, "sensor", sensor, "ts", ts);
        try {
            LifecycleEvent e = answer.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
            boolean rejected = e.transition() == AlarmTransition.REJECTED;
            out.put("status", rejected ? "rejected" : "applied");
            out.put("transition", e.transition().name());
            out.put("state", e.state() == null ? null : e.state().name());
            out.put("reason", e.reason());
            Http.json(x, 200, out);
        } catch (TimeoutException e) {
            answer.cancel(false);
            out.put("status", "pending");
            out.put("message", "sent; no transition came back within " + answerWait.toSeconds() + " s: the monitoring job"
                    + " answers only when an alarm changes (a sensor without alarms gives none), or it is not running");
            Http.json(x, 202, out);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---------------------------------------------------------------- duty roster

    /** The least role that may read the roster's source and replace it. */
    static final Role ROSTER_EDITOR = Role.SUPERVISOR;

    /** Path of the roster file in use (for tests). */
    Path rosterFile() {
        return rosters.file();
    }

    /** Path of the audit log (for tests). */
    Path auditFile() {
        return audit.file();
    }

    /** Who is on duty now per scope and level, with their channels (no addresses), and every weekly shift. */
    private void rosterJson(HttpExchange x) throws IOException {
        rosters.refresh(); // a file changed on disk (by hand, or by another console) shows at once
        Roster r = rosters.roster();
        RosterException problem = rosters.problem();
        if (r == null) {
            Http.error(x, 503, "no duty roster in use: " + (problem == null ? "not read" : problem.getMessage())
                    + "\nfix the file (setting " + HwOptions.NOTIFY_ROSTER.key() + "), or a supervisor saves a corrected one on /roster");
            return;
        }
        long now = clock.millis();
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", r.name());
        o.put("timeZone", r.zone().getId());
        o.put("file", rosters.file().toString());
        o.put("at", now);
        o.put("localTime", java.time.Instant.ofEpochMilli(now).atZone(r.zone()).toLocalDateTime().withNano(0).toString());
        if (problem != null) {
            o.put("problem", "the file on disk now cannot be used, the previous version stays in use: " + problem.getMessage());
        }
        ArrayNode people = o.putArray("people");
        r.people().values().forEach(p -> people.add(personJson(p)));
        ArrayNode scopes = o.putArray("scopes");
        scopeJson(scopes, r, Level.DISTRICT, Roster.DISTRICT, catalogue.name(), null, now);
        for (Town t : catalogue.towns()) {
            scopeJson(scopes, r, Level.TOWN, t.id(), t.name(), null, now);
        }
        for (Enterprise e : catalogue.enterprises()) {
            scopeJson(scopes, r, Level.ENTERPRISE, e.id(), e.name(), e.town(), now);
        }
        Http.json(x, 200, o);
    }

    private static ObjectNode personJson(Roster.Person p) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", p.id()).put("name", p.name());
        ArrayNode ch = n.putArray("channels"); // the kinds only: webhook URLs may hold tokens, addresses are personal
        if (p.webhook() != null) {
            ch.add("webhook");
        }
        if (p.mqtt()) {
            ch.add("mqtt");
        }
        if (p.email() != null) {
            ch.add("email");
        }
        return n;
    }

    private static void scopeJson(ArrayNode out, Roster r, Level level, String scope, String name, String town, long now) {
        ObjectNode n = out.addObject();
        n.put("level", level.name()).put("scope", scope).put("name", name);
        if (town != null) {
            n.put("town", town);
        }
        ArrayNode on = n.putArray("onDuty");
        r.onDuty(level, scope, now).forEach(p -> on.add(personJson(p)));
        ArrayNode shifts = n.putArray("shifts");
        for (Roster.Shift sh : r.shifts(level, scope)) {
            ObjectNode j = shifts.addObject();
            ArrayNode days = j.putArray("days");
            sh.days().stream().sorted().forEach(d -> days.add(d.name().substring(0, 3)));
            j.put("from", sh.from().toString()).put("to", sh.to().toString());
            ArrayNode who = j.putArray("who");
            sh.who().forEach(id -> who.addObject().put("id", id)
                    .put("name", r.people().containsKey(id) ? r.people().get(id).name() : id));
        }
    }

    private boolean mayEditRoster(HttpExchange x, Session s, String what) throws IOException {
        Role role = s.user().role();
        if (role.atLeast(ROSTER_EDITOR)) {
            return true;
        }
        audit.record(s.user().username(), role.code(), "forbidden", map("command", what));
        Http.error(x, 403, "role " + role.code() + " may not " + (what.equals("roster-source") ? "read the roster's source"
                : "change the duty roster") + ": it needs role " + ROSTER_EDITOR.code() + " (ask the supervisor on duty)");
        return false;
    }

    /** The roster file's text and its version (supervisors: it holds the webhook addresses). */
    private void rosterSource(HttpExchange x, Session s) throws IOException {
        if (!mayEditRoster(x, s, "roster-source")) {
            return;
        }
        String text;
        try {
            text = rosters.text();
        } catch (java.nio.file.NoSuchFileException e) {
            text = "";
        }
        Map<String, Object> m = map("file", rosters.file().toString(), "yaml", text, "version", version(text),
                "inUse", rosters.problem() == null && rosters.roster() != null);
        Http.json(x, 200, m);
    }

    /**
     * A supervisor's new roster, JSON {@code {"yaml": TEXT, "version": FROM_SOURCE}} (version optional): parsed and
     * checked against the catalogue (every error with its place, 400, nothing written), refused when the file changed since
     * that version (409), else written atomically with the previous version kept as FILE.bak, and audited.
     */
    private void rosterSave(HttpExchange x, Session s, String body) throws IOException {
        if (!mayEditRoster(x, s, "roster-save")) {
            return;
        }
        String user = s.user().username();
        String role = s.user().role().code();
        JsonNode in;
        try {
            in = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage() + "; send {\"yaml\": \"...the roster...\"}");
        }
        if (in == null || !in.path("yaml").isTextual() || in.path("yaml").asText().isBlank()) {
            throw new IllegalArgumentException("send JSON {\"yaml\": \"...the roster...\", \"version\": \"...\"} with the roster's YAML"
                    + " text in field yaml (version, optional: the one /api/roster/source gave)");
        }
        String yaml = in.path("yaml").asText();
        String base = blankToNull(in.path("version").asText(null));
        String origin = "the roster sent (for catalogue " + catalogue.name() + ")";
        synchronized (rosters) {
            String current;
            try {
                current = rosters.text();
            } catch (java.nio.file.NoSuchFileException e) {
                current = "";
            }
            if (base != null && !base.equals(version(current))) {
                Http.error(x, 409, "the roster file " + rosters.file() + " changed since you opened it (saved from another"
                        + " console or edited on disk); nothing saved: reload the page and make your change again");
                return;
            }
            Roster r;
            try {
                r = Roster.parse(yaml, origin);
                r.validate(catalogue, origin);
            } catch (RosterException e) {
                audit.record(user, role, "roster-refused", map("file", rosters.file(), "errors", e.errors().size()));
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("error", e.getMessage() + "\nnothing saved: the file is unchanged");
                o.put("status", 400);
                ArrayNode errors = o.putArray("errors");
                e.errors().forEach(er -> errors.addObject().put("place", er.place()).put("field", er.field()).put("message", er.message()));
                Http.json(x, 400, o);
                return;
            }
            Path bak;
            try {
                bak = RosterFile.write(rosters.file(), yaml);
            } catch (IOException e) {
                audit.record(user, role, "roster-save", map("file", rosters.file(), "outcome", "not-saved", "error", e.toString()));
                Http.error(x, 500, "cannot write the roster file " + rosters.file() + ": " + e + "; nothing changed (check the"
                        + " folder's permissions and free space)");
                return;
            }
            rosters.refresh();
            String v = version(yaml);
            audit.record(user, role, "roster-save", map("file", rosters.file(), "backup", bak, "version", v,
                    "people", r.people().size(), "outcome", "saved"));
            Http.json(x, 200, map("status", "saved", "file", rosters.file().toString(), "backup", bak == null ? null : bak.toString(),
                    "version", v, "name", r.name(), "people", r.people().size(), "message", "saved; the notification service"
                            + " uses it within " + com.hazardwatch.notifications.NotificationService.ROSTER_CHECK_MS / 1000 + " s, without a restart"));
        }
    }

    /** A version of the roster text: its SHA-256, hex. */
    private static String version(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    // ---------------------------------------------------------------- live stream

    /** One SSE client: a bounded queue of frames, written by the request's own thread. */
    private final List<BlockingQueue<String>> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    private void broadcast(String event, Object data) {
        String frame;
        try {
            frame = Sse.event(event, Long.toString(eventSeq.incrementAndGet()), Json.mapper().writeValueAsString(data));
        } catch (IOException e) {
            return;
        }
        for (BlockingQueue<String> q : clients) {
            if (!q.offer(frame)) {
                q.clear();
                q.offer(CLOSE); // too slow: drop it, the browser reconnects and gets a fresh snapshot
            }
        }
    }

    private static final String CLOSE = "\u0000close";

    private void events(HttpExchange x, Session s) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            Http.error(x, 503, "too many live streams open (" + MAX_STREAMS + "); close other console tabs");
            return;
        }
        BlockingQueue<String> q = new ArrayBlockingQueue<>(10_000);
        Consumer<AlarmStore.Update> listener = u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", AlarmCodec.toTree(u.event()));
            m.put("alarm", u.alarm());
            m.put("standing", u.standing());
            broadcastTo(q, "transition", m);
        };
        try {
            clients.add(q);
            store.addListener(listener);
            Http.headers(x, "text/event-stream; charset=utf-8");
            x.getResponseHeaders().set("X-Accel-Buffering", "no");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            // the snapshot after registering: a transition in between is both in it and sent after it (applied twice, harmless)
            Map<String, Object> snap = new LinkedHashMap<>();
            snap.put("alarms", store.standing(AlarmFilter.ALL));
            snap.put("at", clock.millis());
            write(out, Sse.retry(Sse.RETRY_MS) + Sse.event("snapshot", Long.toString(eventSeq.get()),
                    Json.mapper().writeValueAsString(snap)));
            while (!closed) {
                String frame = q.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (sessions.peek(s.token()).isEmpty()) {
                    write(out, Sse.event("expired", null, "{\"error\":\"session ended: log in again\"}"));
                    break;
                }
                if (frame == null) {
                    write(out, Sse.comment("ping " + clock.millis()));
                } else if (frame.equals(CLOSE)) {
                    break;
                } else {
                    write(out, frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser closed the stream
        } finally {
            store.removeListener(listener);
            clients.remove(q);
            streams.decrementAndGet();
            x.close();
        }
    }

    private void broadcastTo(BlockingQueue<String> q, String event, Object data) {
        try {
            String frame = Sse.event(event, Long.toString(eventSeq.incrementAndGet()), Json.mapper().writeValueAsString(data));
            if (!q.offer(frame)) {
                q.clear();
                q.offer(CLOSE);
            }
        } catch (IOException ignored) {
            // not reachable for these values
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
