package com.hazardwatch.simulators.script;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Names;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads scenario scripts, {@code simulators/scenarios/NAME.yaml} (format: simulators/scenarios/README.md), and checks
 * all of each against a catalogue: either the whole script is valid and a {@link ScenarioScript} comes back, whose
 * {@link ScenarioScript#scenario()} the {@code Simulator} plays ({@code new Simulator(catalogue, options,
 * List.of(script.scenario()), sink)}, run for at least {@link ScenarioScript#length()}), or a {@link ScriptException}
 * lists every error found, each with the file, the line where known and what to do about it.
 */
public final class ScriptLoader {
    /** What a scenario name (the file name without .yaml) may look like. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** The scripts' folder, relative to the repository (or installation) root. */
    public static final String DIR = "simulators/scenarios";
    public static final String SUFFIX = ".yaml";

    static final List<String> ROOT_KEYS = List.of("description", "length", "incidents", "expect", "forbid");
    static final List<String> TARGET_KEYS = List.of("sensor", "sensors", "enterprise", "source");
    static final List<String> INCIDENT_BASE_KEYS = List.of("at", "sensor", "sensors", "enterprise", "source", "action");
    static final List<String> EXPECT_KEYS = List.of("type", "sensor", "sensors", "enterprise", "source", "transition", "within");
    static final List<String> FORBID_KEYS = List.of("type", "sensor", "sensors", "enterprise", "source", "within", "why");

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private ScriptLoader() {}

    /**
     * The folder of the shipped scripts: {@code $HAZARDWATCH_ROOT/simulators/scenarios} when the launcher set it, else
     * the nearest {@code simulators/scenarios} from the working directory upwards (any module's directory of the
     * repository), else {@code simulators/scenarios} under the working directory.
     */
    public static Path defaultDir() {
        String root = System.getenv("HAZARDWATCH_ROOT");
        if (root != null && !root.isBlank()) {
            return Path.of(root).toAbsolutePath().resolve(DIR);
        }
        Path p = Path.of("").toAbsolutePath();
        for (Path at = p; at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve(DIR))) {
                return at.resolve(DIR);
            }
        }
        return p.resolve(DIR);
    }

    /** The scenario names in a folder (its {@code *.yaml} files without the suffix), sorted; empty when there is none. */
    public static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(SUFFIX) && Files.isRegularFile(dir.resolve(f)))
                    .map(f -> f.substring(0, f.length() - SUFFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Reads {@code dir/NAME.yaml} and validates it against the catalogue.
     *
     * @throws ScriptException with every error found: an unknown name (with the known ones), and every error in the file
     */
    public static ScenarioScript load(Path dir, String name, Catalogue catalogue) throws ScriptException {
        Path file = dir.resolve(name + SUFFIX);
        if (name.isEmpty() || !NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
            List<String> known = list(dir);
            String hint = known.isEmpty() ? " (" + dir + " holds no scenario scripts)"
                    : Names.didYouMean(name, known)
                            + " (known: " + String.join(", ", known) + ")";
            throw new ScriptException(name, List.of(new ScriptError(file.toString(), 0,
                    "no scenario \"" + name + "\": there is no file " + file + hint)));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScriptException(name, List.of(new ScriptError(file.toString(), 0, "cannot read " + file + ": no such file")));
        } catch (IOException e) {
            throw new ScriptException(name, List.of(new ScriptError(file.toString(), 0, "cannot read " + file + ": " + e
                    + "; save it as UTF-8 text")));
        }
        return parse(text, file.toString(), name, catalogue);
    }

    /**
     * Validates script text.
     *
     * @param origin names the text in messages (a file path, or something like "test")
     * @param name the scenario's name
     */
    public static ScenarioScript parse(String text, String origin, String name, Catalogue catalogue) throws ScriptException {
        List<ScriptError> errors = new ArrayList<>();
        Doc doc = Doc.parse(text.startsWith("\uFEFF") ? text.substring(1) : text, origin, errors);
        if (doc == null) {
            throw new ScriptException(origin, errors);
        }
        if (doc.root == null || !doc.root.isObject()) {
            errors.add(new ScriptError(origin, doc.root == null ? 0 : doc.line(doc.root), (doc.root == null
                    ? "the file holds no scenario (it is empty or only comments)"
                    : "the file must be a YAML mapping") + "; expected the keys " + String.join(", ", ROOT_KEYS)));
            throw new ScriptException(origin, errors);
        }
        ScenarioScript script = new Reader(doc, origin, name, catalogue, errors).read();
        if (!errors.isEmpty()) {
            throw new ScriptException(origin, errors);
        }
        return script;
    }

    /**
     * The sensors a script touches: those its incidents act on and those whose alarms it expects or forbids (an
     * enterprise owner stands for all its sensors, a source owner for all of its). Scripts played at once must touch
     * disjoint sets.
     */
    public static Set<String> touched(ScenarioScript script, Catalogue catalogue) {
        Set<String> out = new TreeSet<>(script.scenario().sensors());
        List<String> owners = new ArrayList<>();
        script.expected().forEach(e -> owners.add(e.owner()));
        script.forbidden().stream().filter(f -> f.owner() != null).forEach(f -> owners.add(f.owner()));
        for (String owner : owners) {
            out.addAll(sensorsOfOwner(owner, catalogue));
        }
        return out;
    }

    /**
     * What keeps the scripts from being played at once: one line per pair touching the same sensor
     * ({@link #touched}); empty when they can.
     */
    public static List<String> conflicts(Collection<ScenarioScript> scripts, Catalogue catalogue) {
        List<String> out = new ArrayList<>();
        List<ScenarioScript> list = List.copyOf(scripts);
        List<Set<String>> sets = list.stream().map(s -> touched(s, catalogue)).toList();
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Set<String> both = new TreeSet<>(sets.get(i));
                both.retainAll(sets.get(j));
                if (!both.isEmpty()) {
                    out.add(list.get(i).name() + " and " + list.get(j).name() + " both touch " + String.join(", ", both));
                }
            }
        }
        return out;
    }

    /** The sensors an alarm owner stands for: the sensor itself, every sensor of an enterprise or of a source. */
    static List<String> sensorsOfOwner(String owner, Catalogue catalogue) {
        if (catalogue.sensor(owner).isPresent()) {
            return List.of(owner);
        }
        return catalogue.sensors().stream().filter(s -> owner.equals(s.enterprise()) || owner.equals(s.source()))
                .map(Sensor::id).toList();
    }

    // ---- YAML with lines ----------------------------------------------------------------------------------------

    /** YAML text read into a Jackson tree that remembers the line of every container, key and list item. */
    private static final class Doc {
        final Map<JsonNode, Integer> starts = new IdentityHashMap<>();
        final Map<JsonNode, Map<Object, Integer>> keyLines = new IdentityHashMap<>();
        final String origin;
        final List<ScriptError> errors;
        JsonNode root;

        private Doc(String origin, List<ScriptError> errors) {
            this.origin = origin;
            this.errors = errors;
        }

        static Doc parse(String text, String origin, List<ScriptError> errors) {
            Doc doc = new Doc(origin, errors);
            try (YAMLParser p = FACTORY.createParser(text)) {
                if (p.nextToken() == null) {
                    return doc;
                }
                doc.root = doc.read(p);
                if (doc.root.isNull()) {
                    doc.root = null;
                }
                if (p.nextToken() != null) {
                    errors.add(new ScriptError(origin, p.currentTokenLocation().getLineNr(), "a second YAML document starts"
                            + " here (after a '---' line); a scenario script is one document: remove the extra '---'"));
                }
                return doc;
            } catch (JsonProcessingException e) {
                Throwable cause = e.getCause();
                while (cause != null && !(cause instanceof MarkedYAMLException)) {
                    cause = cause.getCause();
                }
                int line;
                String msg;
                if (cause instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                    line = m.getProblemMark().getLine() + 1;
                    msg = "column " + (m.getProblemMark().getColumn() + 1) + ": "
                            + (m.getProblem() == null ? "malformed YAML" : oneLine(m.getProblem()))
                            + (m.getContext() == null ? "" : " (" + oneLine(m.getContext()) + ")");
                } else {
                    JsonLocation loc = e.getLocation();
                    line = loc == null ? 0 : loc.getLineNr();
                    msg = e.getOriginalMessage() == null ? "malformed YAML" : oneLine(e.getOriginalMessage());
                }
                String hint = msg.contains("mapping values are not allowed")
                        ? "; a text holding ': ' must be quoted, e.g. description: \"Tank 2 overfills: ...\""
                        : msg.contains("found character '%'") ? "; a value starting with % must be quoted" : "";
                errors.add(new ScriptError(origin, line, "YAML syntax error at " + msg + hint));
                return null;
            } catch (IOException e) {
                errors.add(new ScriptError(origin, 0, "cannot read the YAML text: " + e.getMessage()));
                return null;
            }
        }

        private static String oneLine(String text) {
            return text.replaceAll("\\s*\\R\\s*", " ").trim();
        }

        int line(JsonNode container) {
            Integer l = starts.get(container);
            return l == null ? 0 : l;
        }

        int line(JsonNode container, Object key) {
            Map<Object, Integer> m = keyLines.get(container);
            Integer l = m == null ? null : m.get(key);
            return l == null ? line(container) : l;
        }

        private JsonNode read(YAMLParser p) throws IOException {
            JsonToken t = p.currentToken();
            int line = p.currentTokenLocation().getLineNr();
            if (p.isCurrentAlias()) {
                errors.add(new ScriptError(origin, line, "alias *" + p.getText() + ": anchors and aliases are not used in"
                        + " scenario scripts; write the value out"));
                return NullNode.instance;
            }
            switch (t) {
                case START_OBJECT -> {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    Map<Object, Integer> lines = new HashMap<>();
                    starts.put(o, line);
                    keyLines.put(o, lines);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        int keyLine = p.currentTokenLocation().getLineNr();
                        p.nextToken();
                        JsonNode v = read(p);
                        if (o.has(key)) {
                            errors.add(new ScriptError(origin, keyLine, "duplicate key \"" + key + "\" (first given at line "
                                    + lines.get(key) + "); a key may appear once per mapping: remove one of them"));
                            continue;
                        }
                        o.set(key, v);
                        lines.put(key, keyLine);
                    }
                    return o;
                }
                case START_ARRAY -> {
                    ArrayNode a = JsonNodeFactory.instance.arrayNode();
                    Map<Object, Integer> lines = new HashMap<>();
                    starts.put(a, line);
                    keyLines.put(a, lines);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        lines.put(a.size(), p.currentTokenLocation().getLineNr());
                        a.add(read(p));
                    }
                    return a;
                }
                case VALUE_STRING -> {
                    return new TextNode(p.getText());
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    // keep the number as written: 1.50 and 90 read back as they were typed in messages and durations
                    return JsonNodeFactory.instance.numberNode(p.getDecimalValue());
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return JsonNodeFactory.instance.booleanNode(t == JsonToken.VALUE_TRUE);
                }
                default -> {
                    return NullNode.instance;
                }
            }
        }
    }

    // ---- validation -----------------------------------------------------------------------------------------------

    /** Walks one script, collecting every error. */
    private static final class Reader {
        final Doc doc;
        final String origin;
        final String name;
        final Catalogue catalogue;
        final List<ScriptError> errors;
        final Map<String, Source> sources = new LinkedHashMap<>();
        Long lengthMs;

        Reader(Doc doc, String origin, String name, Catalogue catalogue, List<ScriptError> errors) {
            this.doc = doc;
            this.origin = origin;
            this.name = name;
            this.catalogue = catalogue;
            this.errors = errors;
            for (Enterprise e : catalogue.enterprises()) {
                for (Source s : e.sources()) {
                    sources.put(s.id(), s);
                }
            }
        }

        void error(int line, String message) {
            errors.add(new ScriptError(origin, line, message));
        }

        ScenarioScript read() {
            ObjectNode root = (ObjectNode) doc.root;
            unknownKeys(root, ROOT_KEYS, "the top level");
            String description = null;
            JsonNode d = root.get("description");
            if (d == null || d.isNull()) {
                error(doc.line(root, "description"), "description is missing; add one or two sentences for the drill's"
                        + " instructor, e.g. description: \"Tank 2 overfills while its inlet stays open.\"");
            } else if (!d.isTextual() || d.textValue().isBlank()) {
                error(doc.line(root, "description"), "description must be text, found " + describe(d));
            } else {
                description = d.textValue().strip();
            }
            if (!root.has("length") || root.get("length").isNull()) {
                error(doc.line(root), "length is missing; add how long the scenario runs from the simulator's start,"
                        + " e.g. length: 150s");
            } else {
                lengthMs = duration(root, "length", "length");
                if (lengthMs != null && lengthMs == 0) {
                    error(doc.line(root, "length"), "length must be more than 0s");
                    lengthMs = null;
                }
            }
            List<Incident> incidents = new ArrayList<>();
            ArrayNode list = list(root, "incidents", true);
            if (list != null) {
                if (list.isEmpty()) {
                    error(doc.line(root, "incidents"), "incidents is empty; a scenario needs at least one incident, e.g."
                            + " - {at: 10s, sensor: E01-LT102, action: ramp, to: 97, over: 35s}");
                }
                for (int i = 0; i < list.size(); i++) {
                    ObjectNode n = item(list, i, "incidents");
                    if (n != null) {
                        Incident inc = incident(n, "incidents[" + i + "]");
                        if (inc != null) {
                            incidents.add(inc);
                        }
                    }
                }
                overlaps(incidents);
            }
            List<ExpectedAlarm> expected = new ArrayList<>();
            ArrayNode ex = list(root, "expect", false);
            if (ex != null) {
                for (int i = 0; i < ex.size(); i++) {
                    ObjectNode n = item(ex, i, "expect");
                    if (n != null) {
                        expected.addAll(expect(n));
                    }
                }
            }
            List<ForbiddenAlarm> forbidden = new ArrayList<>();
            ArrayNode fb = list(root, "forbid", false);
            if (fb != null) {
                for (int i = 0; i < fb.size(); i++) {
                    ObjectNode n = item(fb, i, "forbid");
                    if (n != null) {
                        forbidden.addAll(forbid(n));
                    }
                }
            }
            if (!errors.isEmpty()) {
                return null;
            }
            return new ScenarioScript(name, description, Duration.ofMillis(lengthMs), new ScriptScenario(name, incidents),
                    expected, forbidden);
        }

        // ---- incidents

        Incident incident(ObjectNode n, String where) {
            int before = errors.size();
            int line = doc.line(n);
            Long at = null;
            if (!n.has("at") || n.get("at").isNull()) {
                error(line, where + ": at is missing; say when it begins, as an offset from the simulator's start, e.g. at: 10s");
            } else {
                at = duration(n, "at", where + ": at");
            }
            Target target = target(n, where, true);
            Action action = null;
            JsonNode a = n.get("action");
            if (a == null || a.isNull()) {
                error(line, where + ": action is missing; one of " + String.join(", ", Action.codes()));
            } else if (!a.isTextual()) {
                error(doc.line(n, "action"), where + ": action must be one of " + String.join(", ", Action.codes())
                        + ", found " + describe(a));
            } else {
                action = Action.fromCode(a.textValue().strip()).orElse(null);
                if (action == null) {
                    String typed = a.textValue().strip();
                    error(doc.line(n, "action"), where + ": unknown action \"" + typed + "\"" + Names.didYouMean(typed, Action.codes())
                            + " (actions: " + String.join(", ", Action.codes()) + ")");
                }
            }
            // keys: the base keys and the action's parameters; a parameter of another action is named as such
            Set<String> allParams = new LinkedHashSet<>();
            Arrays.stream(Action.values()).forEach(x -> allParams.addAll(x.parameters()));
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (INCIDENT_BASE_KEYS.contains(key) || (action != null && action.parameters().contains(key))) {
                    continue;
                }
                if (action != null && allParams.contains(key)) {
                    error(doc.line(n, key), where + ": \"" + key + "\" is not a parameter of " + action.code() + " ("
                            + action.code() + " takes " + paramList(action) + "); remove it");
                } else if (action == null && allParams.contains(key)) {
                    continue; // the action is already reported
                } else {
                    List<String> known = new ArrayList<>(INCIDENT_BASE_KEYS);
                    known.addAll(action != null ? action.parameters() : allParams);
                    error(doc.line(n, key), where + ": unknown key \"" + key + "\"" + Names.didYouMean(key, known)
                            + " (keys of an incident: " + String.join(", ", known) + ")" + commaHint(key));
                }
            }
            if (action == null) {
                return null;
            }
            for (String req : action.required()) {
                if (!n.has(req) || n.get(req).isNull()) {
                    error(line, where + ": " + action.code() + " needs " + req + " (" + action.code() + " takes "
                            + paramList(action) + ")");
                }
            }
            Long lengthOf = null;
            Double to = null;
            Double value = null;
            double low = 0;
            double high = 0;
            long period = 0;
            long delay = 0;
            List<Sensor> sensors = target == null ? List.of() : target.sensors();
            switch (action) {
                case RAMP -> {
                    lengthOf = positive(n, "over", where);
                    JsonNode t = n.get("to");
                    if (t != null && t.isTextual() && t.textValue().strip().equals("normal")) {
                        to = null;
                    } else if (t != null && !t.isNull()) {
                        to = number(n, "to", where, " or normal (back to the sensor's normal value)");
                        inRange(n, "to", to, sensors, where);
                    }
                }
                case HOLD, SILENCE, BAD_QUALITY, OUT_OF_ORDER, DUPLICATE -> lengthOf = positive(n, "for", where);
                case STEP -> {
                    to = number(n, "to", where, "");
                    inRange(n, "to", to, sensors, where);
                    if (n.has("for")) {
                        lengthOf = positive(n, "for", where);
                    } else if (at != null && lengthMs != null) {
                        lengthOf = Math.max(0, lengthMs - at);
                    }
                }
                case SPIKE -> {
                    to = number(n, "to", where, "");
                    inRange(n, "to", to, sensors, where);
                    lengthOf = positive(n, "for", where);
                }
                case STUCK -> {
                    lengthOf = positive(n, "for", where);
                    if (n.has("value")) {
                        value = number(n, "value", where, "");
                        inRange(n, "value", value, sensors, where);
                    }
                }
                case FLAP -> {
                    lengthOf = positive(n, "for", where);
                    Long p = positive(n, "period", where);
                    period = p == null ? 0 : p;
                    if (p != null && p < 2) {
                        error(doc.line(n, "period"), where + ": period must be at least 2ms");
                    }
                    JsonNode b = n.get("between");
                    if (b != null && !b.isNull()) {
                        if (!b.isArray() || b.size() != 2 || !b.get(0).isNumber() || !b.get(1).isNumber()) {
                            error(doc.line(n, "between"), where + ": between must be two numbers [first, second] in the"
                                    + " sensor's unit, e.g. between: [83, 87] across H 85, found " + describe(b));
                        } else {
                            low = b.get(0).doubleValue();
                            high = b.get(1).doubleValue();
                            if (low == high) {
                                error(doc.line(n, "between"), where + ": between needs two different values, found "
                                        + Incident.fmt(low) + " twice");
                            }
                            inRange(n, "between", low, sensors, where);
                            inRange(n, "between", high, sensors, where);
                        }
                    }
                }
                case OUT_OF_RANGE -> {
                    lengthOf = positive(n, "for", where);
                    if (n.has("value")) {
                        value = number(n, "value", where, "");
                        if (value != null) {
                            for (Sensor s : sensors) {
                                if (value >= s.range().min() && value <= s.range().max()) {
                                    error(doc.line(n, "value"), where + ": value " + Incident.fmt(value) + " lies inside the"
                                            + " instrument range [" + Incident.fmt(s.range().min()) + ", "
                                            + Incident.fmt(s.range().max()) + "] of " + s.id() + "; give a value outside it,"
                                            + " or leave value out for range max + 10 % of the span");
                                    break;
                                }
                            }
                        }
                    } else if (!sensors.isEmpty()) {
                        Sensor s = sensors.get(0);
                        value = round(s.range().max() + 0.1 * (s.range().max() - s.range().min()));
                        if (sensors.stream().anyMatch(x -> !x.range().equals(s.range()))) {
                            error(line, where + ": the sensors of " + target.label() + " have different instrument ranges;"
                                    + " give value (outside every one of them) or one incident per range");
                        }
                    }
                }
                case LATE -> {
                    lengthOf = positive(n, "for", where);
                    Long by = positive(n, "by", where);
                    delay = by == null ? 0 : by;
                }
                default -> throw new IllegalStateException(action.code());
            }
            if (at != null && lengthOf != null && lengthMs != null && at + lengthOf > lengthMs) {
                error(line, where + ": " + action.code() + " ends at +" + fmt(at + lengthOf) + ", after the script's length "
                        + fmt(lengthMs) + "; lengthen the script or shorten the incident");
            }
            if (errors.size() != before || at == null || target == null || lengthOf == null) {
                return null;
            }
            return new Incident(action, target.label(), sensors.stream().map(Sensor::id).toList(), at, at + lengthOf, to,
                    value, low, high, period, delay, line);
        }

        /** Two incidents of one kind (value, silence, ...) must not overlap on a sensor. */
        void overlaps(List<Incident> incidents) {
            for (int i = 0; i < incidents.size(); i++) {
                for (int j = i + 1; j < incidents.size(); j++) {
                    Incident a = incidents.get(i);
                    Incident b = incidents.get(j);
                    if (a.action().kind() != b.action().kind() || a.atMs() >= b.endMs() || b.atMs() >= a.endMs()) {
                        continue;
                    }
                    List<String> both = a.sensors().stream().filter(b.sensors()::contains).toList();
                    if (!both.isEmpty()) {
                        error(b.line(), "incidents at lines " + a.line() + " (" + a.action().code() + " +" + fmt(a.atMs())
                                + " to +" + fmt(a.endMs()) + ") and " + b.line() + " (" + b.action().code() + " +"
                                + fmt(b.atMs()) + " to +" + fmt(b.endMs()) + ") overlap on " + String.join(", ", both)
                                + "; let the second begin at +" + fmt(a.endMs()) + " or later");
                    }
                }
            }
        }

        /** A "key" with a space in a {...} item is most likely the rest of a text cut at a comma. */
        static String commaHint(String key) {
            return key.contains(" ") ? "; in a {...} item a comma ends the text: quote a text holding a comma,"
                    + " e.g. why: \"late, reordered and repeated readings are no alarm\"" : "";
        }

        static String paramList(Action a) {
            List<String> parts = new ArrayList<>(a.required());
            a.optional().forEach(o -> parts.add(o + " (optional)"));
            return parts.isEmpty() ? "no parameters" : String.join(", ", parts);
        }

        void inRange(ObjectNode n, String key, Double v, List<Sensor> sensors, String where) {
            if (v == null) {
                return;
            }
            for (Sensor s : sensors) {
                if (v < s.range().min() || v > s.range().max()) {
                    error(doc.line(n, key), where + ": " + key + " " + Incident.fmt(v) + " lies outside the instrument range ["
                            + Incident.fmt(s.range().min()) + ", " + Incident.fmt(s.range().max()) + "] of " + s.id()
                            + " (" + s.unit() + "); values are in the sensor's unit: use out-of-range for a value outside it");
                    return;
                }
            }
        }

        // ---- targets

        record Target(String label, List<Sensor> sensors) {}

        /** The sensors of sensor / sensors / enterprise / source; exactly one of them. */
        Target target(ObjectNode n, String where, boolean forIncident) {
            List<String> given = TARGET_KEYS.stream().filter(k -> n.has(k) && !n.get(k).isNull()).toList();
            if (given.isEmpty()) {
                error(doc.line(n), where + ": no target; give one of sensor: ID, sensors: [ID, ...], enterprise: ID"
                        + " or source: ID");
                return null;
            }
            if (given.size() > 1) {
                error(doc.line(n, given.get(1)), where + ": give one target, found " + String.join(" and ", given)
                        + "; split it into one " + (forIncident ? "incident" : "item") + " per target");
                return null;
            }
            String key = given.get(0);
            JsonNode v = n.get(key);
            int line = doc.line(n, key);
            switch (key) {
                case "sensors" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        error(line, where + ": sensors must be a list of sensor ids, e.g. sensors: [E02-AT101, E02-AT102],"
                                + " found " + describe(v));
                        return null;
                    }
                    List<Sensor> out = new ArrayList<>();
                    boolean ok = true;
                    for (int i = 0; i < v.size(); i++) {
                        Sensor s = sensor(v.get(i), doc.line(v, i), where);
                        if (s == null) {
                            ok = false;
                        } else if (out.contains(s)) {
                            error(doc.line(v, i), where + ": sensor " + s.id() + " is listed twice; remove one");
                            ok = false;
                        } else {
                            out.add(s);
                        }
                    }
                    return ok ? new Target(String.join(", ", out.stream().map(Sensor::id).toList()), out) : null;
                }
                case "sensor" -> {
                    Sensor s = sensor(v, line, where);
                    return s == null ? null : new Target(s.id(), List.of(s));
                }
                case "enterprise" -> {
                    String id = text(v);
                    if (id == null || catalogue.enterprise(id).isEmpty()) {
                        List<String> ids = catalogue.enterprises().stream().map(Enterprise::id).toList();
                        error(line, where + ": unknown enterprise " + shown(v) + " in catalogue " + catalogue.name()
                                + (id == null ? "" : Names.didYouMean(id, ids)) + " (enterprises: " + abbreviate(ids) + ")");
                        return null;
                    }
                    List<Sensor> out = catalogue.sensors().stream().filter(s -> id.equals(s.enterprise())).toList();
                    if (out.isEmpty()) {
                        error(line, where + ": enterprise " + id + " has no sensors in catalogue " + catalogue.name());
                        return null;
                    }
                    return new Target(id, out);
                }
                default -> {
                    String id = text(v);
                    if (id == null || !sources.containsKey(id)) {
                        error(line, where + ": unknown source " + shown(v) + " in catalogue " + catalogue.name()
                                + (id == null ? "" : Names.didYouMean(id, sources.keySet())) + " (sources: "
                                + abbreviate(sources.keySet()) + ")");
                        return null;
                    }
                    List<Sensor> out = catalogue.sensors().stream().filter(s -> id.equals(s.source())).toList();
                    if (out.isEmpty()) {
                        error(line, where + ": source " + id + " has no sensors in catalogue " + catalogue.name());
                        return null;
                    }
                    return new Target(id, out);
                }
            }
        }

        Sensor sensor(JsonNode v, int line, String where) {
            String id = text(v);
            Optional<Sensor> s = id == null ? Optional.empty() : catalogue.sensor(id);
            if (s.isEmpty()) {
                List<String> ids = catalogue.sensors().stream().map(Sensor::id).toList();
                error(line, where + ": unknown sensor " + shown(v) + " in catalogue " + catalogue.name()
                        + (id == null ? "; a sensor id is text, e.g. E01-LT102" : Names.didYouMean(id, ids)
                                + " (" + catalogue.sensorCount() + " sensors; bin/hazardwatch catalogue show lists them)"));
                return null;
            }
            return s.get();
        }

        static String abbreviate(Collection<String> ids) {
            return ids.size() <= 12 ? String.join(", ", ids)
                    : String.join(", ", ids.stream().limit(12).toList()) + ", ... (" + ids.size() + " in all)";
        }

        // ---- expectations

        List<ExpectedAlarm> expect(ObjectNode n) {
            String where = "expect item at line " + doc.line(n);
            int before = errors.size();
            unknownKeys(n, EXPECT_KEYS, "an expect item");
            AlarmType type = null;
            if (!n.has("type") || n.get("type").isNull()) {
                error(doc.line(n), where + ": type is missing; one of " + types());
            } else {
                type = type(n, where);
            }
            AlarmTransition transition = AlarmTransition.RAISE;
            JsonNode tr = n.get("transition");
            if (tr != null && !tr.isNull()) {
                String t = text(tr);
                List<String> names = Arrays.stream(AlarmTransition.values()).map(Enum::name).toList();
                if (t == null || !names.contains(t.strip().toUpperCase(Locale.ROOT))) {
                    error(doc.line(n, "transition"), where + ": unknown transition " + shown(tr)
                            + (t == null ? "" : Names.didYouMean(t.strip(), names)) + " (transitions: " + String.join(", ", names) + ")");
                } else {
                    transition = AlarmTransition.valueOf(t.strip().toUpperCase(Locale.ROOT));
                }
            }
            List<String> owners = owners(n, where, type, true);
            long[] window = window(n, where, true);
            if (errors.size() != before || owners == null || window == null || type == null) {
                return List.of();
            }
            List<ExpectedAlarm> out = new ArrayList<>();
            for (String o : owners) {
                out.add(new ExpectedAlarm(type, o, transition, Duration.ofMillis(window[0]), Duration.ofMillis(window[1])));
            }
            return out;
        }

        List<ForbiddenAlarm> forbid(ObjectNode n) {
            String where = "forbid item at line " + doc.line(n);
            int before = errors.size();
            unknownKeys(n, FORBID_KEYS, "a forbid item");
            AlarmType type = null;
            if (n.has("type") && !n.get("type").isNull()) {
                type = type(n, where);
            }
            List<String> owners = owners(n, where, type, false);
            long[] window = n.has("within") ? window(n, where, false) : new long[] {0, -1};
            String why = null;
            JsonNode w = n.get("why");
            if (w != null && !w.isNull()) {
                if (!w.isTextual()) {
                    error(doc.line(n, "why"), where + ": why must be text, found " + describe(w));
                } else {
                    why = w.textValue().strip();
                }
            }
            if (errors.size() != before || owners == null || window == null) {
                return List.of();
            }
            List<ForbiddenAlarm> out = new ArrayList<>();
            for (String o : owners) {
                out.add(new ForbiddenAlarm(type, o, Duration.ofMillis(window[0]),
                        window[1] < 0 ? null : Duration.ofMillis(window[1]), why));
            }
            return out;
        }

        static String types() {
            return String.join(", ", Arrays.stream(AlarmType.values()).map(Enum::name).toList());
        }

        AlarmType type(ObjectNode n, String where) {
            JsonNode v = n.get("type");
            String t = text(v);
            List<String> names = Arrays.stream(AlarmType.values()).map(Enum::name).toList();
            if (t == null || !names.contains(t.strip().toUpperCase(Locale.ROOT))) {
                error(doc.line(n, "type"), where + ": unknown alarm type " + shown(v)
                        + (t == null ? "" : Names.didYouMean(t.strip(), names)) + " (types: " + types() + ")");
                return null;
            }
            return AlarmType.valueOf(t.strip().toUpperCase(Locale.ROOT));
        }

        /**
         * The alarm owners named: sensors for sensor alarms, an enterprise for LINK_DOWN, a source for AREA_GAS; null
         * when wrong (reported).
         */
        List<String> owners(ObjectNode n, String where, AlarmType type, boolean expect) {
            List<String> given = TARGET_KEYS.stream().filter(k -> n.has(k) && !n.get(k).isNull()).toList();
            if (given.isEmpty()) {
                error(doc.line(n), where + ": no owner; give the alarm's owner as on hw.alarms \"sensor\": sensor: ID"
                        + " (or sensors: [..]), enterprise: ID for LINK_DOWN, source: ID for AREA_GAS"
                        + (expect ? "" : "; a forbid on every owner would catch the alarms of scenarios played at the same time"));
                return null;
            }
            Target t = target(n, where, false);
            if (t == null) {
                return null;
            }
            String key = given.get(0);
            if (type == AlarmType.LINK_DOWN && !key.equals("enterprise")) {
                error(doc.line(n, key), where + ": a LINK_DOWN alarm is owned by an enterprise; write enterprise: "
                        + (t.sensors().isEmpty() ? "ID" : t.sensors().get(0).enterprise()) + " instead of " + key);
                return null;
            }
            if (type == AlarmType.AREA_GAS && !key.equals("source")) {
                error(doc.line(n, key), where + ": an AREA_GAS alarm is owned by a hazard source; write source: "
                        + (t.sensors().isEmpty() ? "ID" : t.sensors().get(0).source()) + " instead of " + key);
                return null;
            }
            if (type != null && type != AlarmType.LINK_DOWN && type != AlarmType.AREA_GAS
                    && (key.equals("enterprise") || key.equals("source"))) {
                error(doc.line(n, key), where + ": a " + type + " alarm is owned by a sensor; write sensor: ID"
                        + " (or sensors: [..]) instead of " + key + " (only LINK_DOWN is owned by an enterprise, AREA_GAS by"
                        + " a source)");
                return null;
            }
            if (key.equals("enterprise") || key.equals("source")) {
                return List.of(t.label());
            }
            return t.sensors().stream().map(Sensor::id).toList();
        }

        /** within: [from, to] in ms; to is -1 when absent and not required. Null when wrong (reported). */
        long[] window(ObjectNode n, String where, boolean required) {
            JsonNode w = n.get("within");
            if (w == null || w.isNull()) {
                if (required) {
                    error(doc.line(n), where + ": within is missing; give the window after the simulator's start in which"
                            + " it must happen, e.g. within: [30s, 70s]");
                    return null;
                }
                return new long[] {0, -1};
            }
            if (!w.isArray() || w.size() != 2) {
                error(doc.line(n, "within"), where + ": within must be two durations [from, to], e.g. within: [30s, 70s],"
                        + " found " + describe(w));
                return null;
            }
            Long from = durationOf(w.get(0), doc.line(n, "within"), where + ": within from");
            Long to = durationOf(w.get(1), doc.line(n, "within"), where + ": within to");
            if (from == null || to == null) {
                return null;
            }
            if (to < from) {
                error(doc.line(n, "within"), where + ": the window ends (" + fmt(to) + ") before it opens (" + fmt(from)
                        + "); write within: [" + fmt(to) + ", " + fmt(from) + "]");
                return null;
            }
            if (lengthMs != null && to > lengthMs) {
                error(doc.line(n, "within"), where + ": the window ends at +" + fmt(to) + ", after the script's length "
                        + fmt(lengthMs) + " (the simulator stops there); end it at +" + fmt(lengthMs) + " at most or"
                        + " lengthen the script");
                return null;
            }
            return new long[] {from, to};
        }

        // ---- scalars

        void unknownKeys(ObjectNode n, List<String> known, String what) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    error(doc.line(n, key), "unknown key \"" + key + "\" in " + what + Names.didYouMean(key, known)
                            + " (keys here: " + String.join(", ", known) + ")" + commaHint(key));
                }
            }
        }

        ArrayNode list(ObjectNode n, String key, boolean required) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    error(doc.line(n, key), key + " is missing; add a list with one item per '- ' line, e.g.\n"
                            + "    incidents:\n      - {at: 10s, sensor: E01-LT102, action: ramp, to: 97, over: 35s}");
                }
                return null;
            }
            if (!v.isArray()) {
                error(doc.line(n, key), key + " must be a list (one item per '- ' line), found " + describe(v));
                return null;
            }
            return (ArrayNode) v;
        }

        ObjectNode item(ArrayNode list, int i, String what) {
            JsonNode v = list.get(i);
            if (!v.isObject()) {
                error(doc.line(list, i), what + "[" + i + "] must be a mapping such as {type: HIGH_HIGH, sensor: E01-LT102,"
                        + " within: [30s, 70s]}, found " + describe(v));
                return null;
            }
            return (ObjectNode) v;
        }

        Long duration(ObjectNode n, String key, String what) {
            return durationOf(n.get(key), doc.line(n, key), what);
        }

        Long positive(ObjectNode n, String key, String where) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null; // reported as missing
            }
            Long d = durationOf(v, doc.line(n, key), where + ": " + key);
            if (d != null && d == 0) {
                error(doc.line(n, key), where + ": " + key + " must be more than 0s");
                return null;
            }
            return d;
        }

        Long durationOf(JsonNode v, int line, String what) {
            String t = v == null ? null : v.isTextual() ? v.textValue() : v.isNumber() ? v.decimalValue().toPlainString() : null;
            if (t == null) {
                error(line, what + " must be " + Durations.ACCEPTED + ", found " + describe(v));
                return null;
            }
            try {
                return Durations.parse(t).toMillis();
            } catch (IllegalArgumentException | ArithmeticException e) {
                error(line, what + ": \"" + t.strip() + "\" is not a duration; write " + Durations.ACCEPTED);
                return null;
            }
        }

        Double number(ObjectNode n, String key, String where, String orElse) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                error(doc.line(n, key), where + ": " + key + " must be a number in the sensor's unit" + orElse
                        + ", found " + describe(v));
                return null;
            }
            return v.doubleValue();
        }

        static String text(JsonNode v) {
            return v != null && v.isTextual() ? v.textValue().strip() : null;
        }

        static String shown(JsonNode v) {
            return v != null && v.isTextual() ? "\"" + v.textValue() + "\"" : describe(v);
        }

        static String describe(JsonNode v) {
            if (v == null || v.isNull()) {
                return "no value";
            }
            if (v.isTextual()) {
                return "text \"" + v.textValue() + "\"";
            }
            if (v.isNumber()) {
                return "number " + v.decimalValue().toPlainString();
            }
            if (v.isBoolean()) {
                return "boolean " + v.asText();
            }
            if (v.isArray()) {
                return "a list of " + v.size() + " item" + (v.size() == 1 ? "" : "s");
            }
            List<String> keys = new ArrayList<>();
            v.fieldNames().forEachRemaining(keys::add);
            return "a mapping" + (keys.isEmpty() ? "" : " (keys " + String.join(", ", keys) + ")");
        }

        static String fmt(long ms) {
            return Durations.format(Duration.ofMillis(ms));
        }

        static double round(double v) {
            return java.math.BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().doubleValue();
        }
    }
}
