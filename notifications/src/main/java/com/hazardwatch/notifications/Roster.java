package com.hazardwatch.notifications;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueError;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Names;
import com.hazardwatch.model.catalogue.Town;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The duty roster (YAML, docs/notifications.md): the people who can be notified and their channels, and per level
 * (the district, each town, each enterprise) weekly shifts saying who is on duty when, in the roster's time zone.
 *
 * <p>{@link #load} reads and checks the file on its own; {@link #check} checks it against a catalogue (towns and
 * enterprises it names must exist, and every town and enterprise of the catalogue and the district must have someone
 * on duty at every minute of the week). Errors come all at once, each with its place, as for the catalogue.
 */
public final class Roster {
    /** A person who can be notified; a null channel field means the person is not reached that way. */
    public record Person(String id, String name, String webhook, boolean mqtt, String email) {}

    /** A weekly shift: on the given days from {@code from} to {@code to} (to <= from: until {@code to} the next day). */
    public record Shift(Set<DayOfWeek> days, LocalTime from, LocalTime to, List<String> who) {
        /** Whether the shift covers this local day and time. */
        public boolean covers(DayOfWeek day, LocalTime t) {
            if (from.isBefore(to)) {
                return days.contains(day) && !t.isBefore(from) && t.isBefore(to);
            }
            // overnight (or 24 h when from == to): the evening of a listed day and the morning after it
            return (days.contains(day) && !t.isBefore(from)) || (days.contains(day.minus(1)) && t.isBefore(to));
        }
    }

    public static final String DISTRICT = "district";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> ROOT_FIELDS = List.of("name", "timeZone", "people", "district", "towns", "enterprises");
    private static final List<String> PERSON_FIELDS = List.of("id", "name", "webhook", "mqtt", "email");
    private static final List<String> SHIFT_FIELDS = List.of("who", "days", "from", "to");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private final String name;
    private final ZoneId zone;
    private final Map<String, Person> people;
    /** level -> scope (district, town id, enterprise id) -> shifts */
    private final Map<Level, Map<String, List<Shift>>> duties;

    private Roster(String name, ZoneId zone, Map<String, Person> people, Map<Level, Map<String, List<Shift>>> duties) {
        this.name = name;
        this.zone = zone;
        this.people = Collections.unmodifiableMap(people);
        this.duties = duties;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<String, Person> people() {
        return people;
    }

    /** The scopes (town or enterprise ids, or {@value #DISTRICT}) that have shifts at this level. */
    public Set<String> scopes(Level level) {
        return duties.get(level).keySet();
    }

    /** The shifts of this scope at this level (district: {@value #DISTRICT}), in roster order; empty when it has none. */
    public List<Shift> shifts(Level level, String scope) {
        return Collections.unmodifiableList(duties.get(level).getOrDefault(level == Level.DISTRICT ? DISTRICT : scope, List.of()));
    }

    /** Who is on duty at this level for this scope (district: any scope) at this moment, in roster order. */
    public List<Person> onDuty(Level level, String scope, long epochMillis) {
        List<Shift> shifts = duties.get(level).get(level == Level.DISTRICT ? DISTRICT : scope);
        if (shifts == null) {
            return List.of();
        }
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (Shift s : shifts) {
            if (s.covers(t.getDayOfWeek(), t.toLocalTime())) {
                ids.addAll(s.who());
            }
        }
        return ids.stream().map(people::get).toList();
    }

    // ---- loading ---------------------------------------------------------------------------------------------------

    /** Reads and checks a roster file (UTF-8 YAML); every error is listed with its place. */
    public static Roster load(Path file) throws RosterException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RosterException(file.toString(), List.of(new CatalogueError("roster", "file",
                    "cannot read " + file + ": no such file (looked at " + file.toAbsolutePath()
                            + "); give the roster with --set notify.roster=FILE")));
        } catch (IOException e) {
            throw new RosterException(file.toString(), List.of(new CatalogueError("roster", "file",
                    "cannot read " + file + ": " + e)));
        }
        return parse(text, file.toString());
    }

    /** Reads and checks a roster file, then checks it against the catalogue; all errors of both together. */
    public static Roster load(Path file, Catalogue catalogue) throws RosterException {
        Roster r = load(file);
        r.validate(catalogue, file.toString());
        return r;
    }

    /** Parses roster text; origin names it in errors. */
    public static Roster parse(String yaml, String origin) throws RosterException {
        List<CatalogueError> errors = new ArrayList<>();
        JsonNode root;
        try {
            ObjectMapper m = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = m.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new RosterException(origin, List.of(new CatalogueError("roster", "file",
                    "not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new RosterException(origin, List.of(new CatalogueError("roster", "file",
                    "expected a mapping with name, timeZone, people, district, towns and enterprises")));
        }
        unknownFields(root, ROOT_FIELDS, "roster", errors);
        String name = root.path("name").asText("");
        ZoneId zone = DEFAULT_ZONE;
        if (root.has("timeZone")) {
            try {
                zone = ZoneId.of(root.get("timeZone").asText());
            } catch (DateTimeException e) {
                errors.add(new CatalogueError("roster", "timeZone", "'" + root.get("timeZone").asText()
                        + "' is not a time zone; use a region id such as Asia/Shanghai"));
            }
        }
        Map<String, Person> people = new LinkedHashMap<>();
        JsonNode pn = root.path("people");
        if (!pn.isArray() || pn.isEmpty()) {
            errors.add(new CatalogueError("roster", "people", "expected a list of people (id, name, webhook, mqtt, email)"));
        } else {
            for (int i = 0; i < pn.size(); i++) {
                person(pn.get(i), "people[" + i + "]", people, errors);
            }
        }
        Map<Level, Map<String, List<Shift>>> duties = new LinkedHashMap<>();
        for (Level l : Level.values()) {
            duties.put(l, new LinkedHashMap<>());
        }
        if (!root.path("district").isArray()) {
            errors.add(new CatalogueError("district", "district", "expected the list of the district command centre's shifts"));
        } else {
            duties.get(Level.DISTRICT).put(DISTRICT, shifts(root.get("district"), "district", people, errors));
        }
        scopes(root, "towns", Level.TOWN, people, duties, errors);
        scopes(root, "enterprises", Level.ENTERPRISE, people, duties, errors);
        if (!errors.isEmpty()) {
            throw new RosterException(origin, errors);
        }
        return new Roster(name, zone, people, duties);
    }

    private static void scopes(JsonNode root, String field, Level level, Map<String, Person> people,
            Map<Level, Map<String, List<Shift>>> duties, List<CatalogueError> errors) {
        JsonNode n = root.get(field);
        if (n == null) {
            return;
        }
        if (!n.isObject()) {
            errors.add(new CatalogueError("roster", field, "expected a mapping from " + (level == Level.TOWN ? "town" : "enterprise")
                    + " id to its list of shifts"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String place = field + "." + e.getKey();
            if (!e.getValue().isArray()) {
                errors.add(new CatalogueError(place, "shifts", "expected a list of shifts ({who, days, from, to})"));
                continue;
            }
            duties.get(level).put(e.getKey(), shifts(e.getValue(), place, people, errors));
        }
    }

    private static void person(JsonNode p, String path, Map<String, Person> people, List<CatalogueError> errors) {
        if (!p.isObject()) {
            errors.add(new CatalogueError(path, "person", "expected a mapping {id, name, webhook, mqtt, email}"));
            return;
        }
        String id = p.path("id").asText("");
        boolean usable = !id.isEmpty() && CatalogueLoader.ID_PATTERN.matcher(id).matches() && id.length() <= CatalogueLoader.MAX_ID_LENGTH;
        String place = usable ? id : path;
        unknownFields(p, PERSON_FIELDS, place, errors);
        if (!usable) {
            errors.add(new CatalogueError(place, "id", (id.isEmpty() ? "missing" : "'" + id + "' is not usable")
                    + "; an id is letters, digits, '.', '_' or '-' (at most " + CatalogueLoader.MAX_ID_LENGTH
                    + "), as it becomes an MQTT topic level"));
            return;
        }
        if (people.containsKey(id)) {
            errors.add(new CatalogueError(place, "id", "duplicate person id; each person is listed once"));
            return;
        }
        String webhook = text(p, "webhook");
        String email = text(p, "email");
        JsonNode mq = p.get("mqtt");
        if (mq != null && !mq.isBoolean()) {
            errors.add(new CatalogueError(place, "mqtt", "expected true or false (true: hw/alerts/" + id + ")"));
        }
        boolean mqtt = mq != null && mq.asBoolean(false);
        if (webhook != null) {
            try {
                URI u = URI.create(webhook);
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                    throw new IllegalArgumentException("not http(s)");
                }
            } catch (IllegalArgumentException e) {
                errors.add(new CatalogueError(place, "webhook", "'" + webhook + "' is not an http:// or https:// URL"));
            }
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new CatalogueError(place, "email", "'" + email + "' is not an e-mail address (name@domain)"));
        }
        if (webhook == null && email == null && !mqtt && (mq == null || mq.isBoolean())) {
            errors.add(new CatalogueError(place, "channels", "no way to reach this person: give webhook, mqtt: true or email"));
        }
        people.put(id, new Person(id, p.path("name").asText(id), webhook, mqtt, email));
    }

    private static List<Shift> shifts(JsonNode list, String place, Map<String, Person> people, List<CatalogueError> errors) {
        List<Shift> out = new ArrayList<>();
        if (list.isEmpty()) {
            errors.add(new CatalogueError(place, "shifts", "no shifts: list who is on duty when"));
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = place + ".shifts[" + i + "]";
            if (!s.isObject()) {
                errors.add(new CatalogueError(at, "shift", "expected a mapping {who, days, from, to}"));
                continue;
            }
            unknownFields(s, SHIFT_FIELDS, at, errors);
            List<String> who = new ArrayList<>();
            JsonNode w = s.get("who");
            if (w != null && w.isTextual()) {
                who.add(w.asText());
            } else if (w != null && w.isArray() && !w.isEmpty()) {
                w.forEach(x -> who.add(x.asText()));
            } else {
                errors.add(new CatalogueError(at, "who", "expected a person id or a list of person ids"));
            }
            for (String id : who) {
                if (!people.containsKey(id)) {
                    errors.add(new CatalogueError(at, "who", "unknown person '" + id + "'" + Names.didYouMean(id, people.keySet())
                            + "; list the person under people"));
                }
            }
            Set<DayOfWeek> days = days(s.path("days").asText("MON-SUN"), at, errors);
            LocalTime from = time(s, "from", at, errors);
            LocalTime to = time(s, "to", at, errors);
            if (from != null && to != null && days != null) {
                out.add(new Shift(days, from, to, List.copyOf(who)));
            }
        }
        return out;
    }

    private static Set<DayOfWeek> days(String text, String at, List<CatalogueError> errors) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        String t = text.trim().toUpperCase();
        if (t.equals("DAILY")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        for (String part : t.split("\\s*,\\s*")) {
            String[] range = part.split("\\s*-\\s*");
            int a = DAY_NAMES.indexOf(range[0]);
            int b = range.length == 2 ? DAY_NAMES.indexOf(range[1]) : a;
            if (a < 0 || b < 0 || range.length > 2) {
                errors.add(new CatalogueError(at, "days", "'" + text + "' is not a list of days; write e.g. MON-FRI, SAT,SUN or daily"));
                return null;
            }
            for (int d = a; ; d = (d + 1) % 7) {
                days.add(DayOfWeek.of(d + 1));
                if (d == b) {
                    break;
                }
            }
        }
        return days;
    }

    private static LocalTime time(JsonNode s, String field, String at, List<CatalogueError> errors) {
        JsonNode n = s.get(field);
        if (n == null || !n.isTextual()) {
            errors.add(new CatalogueError(at, field, n == null ? "missing; give a time of day such as \"08:00\""
                    : "'" + n.asText() + "' is not a time of day; write it quoted, such as \"08:00\""));
            return null;
        }
        String v = n.asText().trim();
        if (v.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            errors.add(new CatalogueError(at, field, "'" + v + "' is not a time of day; write HH:MM such as \"08:00\""));
            return null;
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
    }

    private static void unknownFields(JsonNode o, List<String> known, String place, List<CatalogueError> errors) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                errors.add(new CatalogueError(place, f, "unknown field" + Names.didYouMean(f, known) + "; expected one of "
                        + String.join(", ", known)));
            }
        }
    }

    // ---- against the catalogue -----------------------------------------------------------------------------------

    /**
     * Every problem of this roster for this catalogue: towns and enterprises that are not in the catalogue, and for
     * the district, each town and each enterprise of the catalogue, the stretches of the week with nobody on duty.
     */
    public List<CatalogueError> check(Catalogue catalogue) {
        List<CatalogueError> all = new ArrayList<>(errors(catalogue));
        all.addAll(gaps(catalogue));
        return all;
    }

    /** Towns and enterprises this roster names that are not in the catalogue: the roster is for another district. */
    public List<CatalogueError> errors(Catalogue catalogue) {
        List<CatalogueError> errors = new ArrayList<>();
        Set<String> towns = new LinkedHashSet<>();
        catalogue.towns().forEach(t -> towns.add(t.id()));
        Set<String> enterprises = new LinkedHashSet<>();
        catalogue.enterprises().forEach(e -> enterprises.add(e.id()));
        for (String t : scopes(Level.TOWN)) {
            if (!towns.contains(t)) {
                errors.add(new CatalogueError("towns." + t, "id", "town '" + t + "' is not in catalogue " + catalogue.name()
                        + Names.didYouMean(t, towns)));
            }
        }
        for (String e : scopes(Level.ENTERPRISE)) {
            if (!enterprises.contains(e)) {
                errors.add(new CatalogueError("enterprises." + e, "id", "enterprise '" + e + "' is not in catalogue "
                        + catalogue.name() + Names.didYouMean(e, enterprises)));
            }
        }
        return errors;
    }

    /**
     * The stretches of the week with nobody on duty, for the district, each town and each enterprise of the catalogue.
     * An alarm meeting such a gap goes to the next level that has somebody on duty.
     */
    public List<CatalogueError> gaps(Catalogue catalogue) {
        List<CatalogueError> errors = new ArrayList<>();
        gaps(Level.DISTRICT, DISTRICT, "district", errors);
        for (Town t : catalogue.towns()) {
            gaps(Level.TOWN, t.id(), "towns." + t.id() + " (" + t.name() + ")", errors);
        }
        for (Enterprise e : catalogue.enterprises()) {
            gaps(Level.ENTERPRISE, e.id(), "enterprises." + e.id() + " (" + e.name() + ")", errors);
        }
        return errors;
    }

    /** Throws with every error of {@link #check} when there is one. */
    public void validate(Catalogue catalogue, String origin) throws RosterException {
        List<CatalogueError> errors = check(catalogue);
        if (!errors.isEmpty()) {
            throw new RosterException(origin, errors);
        }
    }

    private void gaps(Level level, String scope, String place, List<CatalogueError> errors) {
        List<Shift> shifts = duties.get(level).get(scope);
        if (shifts == null) {
            errors.add(new CatalogueError(place, "shifts", "nobody is on duty at any time: add " + place.split(" ")[0]
                    + " with shifts covering the whole week"));
            return;
        }
        List<String> holes = new ArrayList<>();
        int start = -1;
        for (int minute = 0; minute <= 7 * 1440; minute++) {
            boolean covered = minute < 7 * 1440 && covered(shifts, minute);
            if (!covered && start < 0 && minute < 7 * 1440) {
                start = minute;
            } else if ((covered || minute == 7 * 1440) && start >= 0) {
                holes.add(weekTime(start) + "-" + weekTime(minute));
                start = -1;
            }
        }
        if (!holes.isEmpty()) {
            errors.add(new CatalogueError(place, "shifts", "nobody on duty " + String.join(", ", holes.subList(0, Math.min(5, holes.size())))
                    + (holes.size() > 5 ? " and " + (holes.size() - 5) + " more" : "") + " (" + zone
                    + "); add a shift covering " + (holes.size() == 1 ? "it" : "them")));
        }
    }

    private static boolean covered(List<Shift> shifts, int minuteOfWeek) {
        DayOfWeek d = DayOfWeek.of(minuteOfWeek / 1440 + 1);
        LocalTime t = LocalTime.ofSecondOfDay((minuteOfWeek % 1440) * 60L);
        for (Shift s : shifts) {
            if (s.covers(d, t)) {
                return true;
            }
        }
        return false;
    }

    private static String weekTime(int minuteOfWeek) {
        int day = (minuteOfWeek / 1440) % 7;
        int m = minuteOfWeek % 1440;
        if (minuteOfWeek == 7 * 1440) {
            return "SUN 24:00";
        }
        return DAY_NAMES.get(day) + String.format(" %02d:%02d", m / 60, m % 60);
    }
}
