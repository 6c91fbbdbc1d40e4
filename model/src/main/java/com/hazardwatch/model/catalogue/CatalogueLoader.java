package com.hazardwatch.model.catalogue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a catalogue file (YAML, described in config/catalogue/README.md) and validates all of it.
 *
 * <p>Either the whole catalogue is valid and a {@link Catalogue} comes back, or a {@link CatalogueException} lists
 * every error found, each with the place (an id, or a path such as {@code enterprises[3].sources[0].sensors[2]} when
 * the id itself is missing or unusable), the field and a message saying what was found and what is expected.
 */
public final class CatalogueLoader {
    /** What an id may look like: ids become MQTT topic levels, Kafka keys and InfluxDB tag values. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Longest id accepted. */
    public static final int MAX_ID_LENGTH = 64;
    /** GB/T 50493-2019: highest first-level (H) combustible gas alarm, %LEL. */
    public static final double GBT50493_COMBUSTIBLE_FIRST_MAX = 25.0;
    /** GB/T 50493-2019: highest second-level (HH) combustible gas alarm, %LEL. */
    public static final double GBT50493_COMBUSTIBLE_SECOND_MAX = 50.0;
    /** GB/T 50493-2019: highest first-level (H) toxic gas alarm, per cent of the gas's OEL. */
    public static final double GBT50493_TOXIC_FIRST_MAX_OEL_PERCENT = 100.0;
    /** GB/T 50493-2019: highest second-level (HH) toxic gas alarm, per cent of the gas's OEL. */
    public static final double GBT50493_TOXIC_SECOND_MAX_OEL_PERCENT = 200.0;
    /** The clause of GB/T 50493-2019 that sets both the combustible and the toxic gas alarm ceilings. */
    public static final String GBT50493_CLAUSE = "GB/T 50493-2019 clause 5.5.2";

    /** Place used for errors about the file as a whole or its top-level fields. */
    public static final String FILE_PLACE = "catalogue";

    static final List<String> ROOT_FIELDS = List.of("name", "defaults", "towns", "enterprises");
    static final List<String> TOWN_FIELDS = List.of("id", "name");
    static final List<String> ENTERPRISE_FIELDS = List.of("id", "name", "town", "sources");
    static final List<String> SOURCE_FIELDS = List.of("id", "name", "grade", "sensors");
    static final List<String> SENSOR_FIELDS =
            List.of("id", "name", "kind", "unit", "range", "limits", "deadband", "rules", "oel", "outOfService");
    static final List<String> LIMIT_FIELDS = List.of("ll", "l", "h", "hh");
    /** Keys of a sensor's rules mapping and of each kind's mapping under defaults (docs/rules.md). */
    static final List<String> RULE_FIELDS = List.of("onDelay", "offDelay", "staleAfter", "rocLimit", "rocWindow",
            "forecastHorizon", "flatline", "flatlineEpsilon", "priority", "compression");

    private CatalogueLoader() {}

    /** Reads and validates a catalogue file (UTF-8). */
    public static Catalogue load(Path file) throws CatalogueException {
        String origin = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw fileError(origin, "cannot read " + origin + ": it is a directory; give the path of a .yaml file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fileError(origin, "cannot read " + origin + ": no such file"
                    + (file.isAbsolute() ? "" : " (looked at " + file.toAbsolutePath() + ")"));
        } catch (AccessDeniedException e) {
            throw fileError(origin, "cannot read " + origin + ": permission denied");
        } catch (IOException e) {
            throw fileError(origin, "cannot read " + origin + ": " + e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fileError(origin, origin + " is not UTF-8 text (" + firstBadLine(bytes) + "); save it as UTF-8"
                    + " (a GBK file converts with: iconv -f GBK -t UTF-8)");
        }
        return parse(text, origin);
    }

    /** Validates catalogue text; origin names it in messages (a file name, or something like "test"). */
    public static Catalogue parse(String yamlText, String origin) throws CatalogueException {
        String from = origin == null ? "(text)" : origin;
        List<CatalogueError> errors = new ArrayList<>();
        if (yamlText == null || yamlText.isBlank()) {
            errors.add(emptyFile(from));
            throw new CatalogueException(from, errors);
        }
        String text = yamlText.startsWith("\uFEFF") ? yamlText.substring(1) : yamlText;
        YamlDoc doc = YamlDoc.parse(text, errors);
        if (doc == null) {
            throw new CatalogueException(from, errors);
        }
        if (doc.root() == null) {
            errors.add(emptyFile(from));
            throw new CatalogueException(from, errors);
        }
        if (!doc.root().isObject()) {
            errors.add(new CatalogueError(FILE_PLACE, "(root)", "the file must be a YAML mapping with the keys "
                    + String.join(", ", ROOT_FIELDS) + "; found " + Validator.describe(doc.root(), null)));
            throw new CatalogueException(from, errors);
        }
        Catalogue catalogue = new Validator(doc, from, errors).catalogue();
        if (!errors.isEmpty()) {
            throw new CatalogueException(from, errors);
        }
        return catalogue;
    }

    /** The sensor kind codes, in declaration order. */
    static List<String> kindCodes() {
        return Arrays.stream(SensorKind.values()).map(SensorKind::code).toList();
    }

    private static CatalogueError emptyFile(String origin) {
        return new CatalogueError(FILE_PLACE, "(file)", origin + " holds no catalogue (it is empty or only comments);"
                + " expected a mapping with name, towns and enterprises");
    }

    private static CatalogueException fileError(String origin, String message) {
        return new CatalogueException(origin, List.of(new CatalogueError(FILE_PLACE, "(file)", message)));
    }

    private static String firstBadLine(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return "the first bad byte sequence is on line " + line;
                }
                line++;
                start = i + 1;
            }
        }
        return "bad byte sequence";
    }
}
