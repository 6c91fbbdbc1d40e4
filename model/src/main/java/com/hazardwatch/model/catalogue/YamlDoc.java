package com.hazardwatch.model.catalogue;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * YAML text read into a Jackson tree that remembers where every key and list item stood (line, column and the
 * scalar as written), so that catalogue errors can point at a line and quote what the author typed.
 *
 * <p>Unlike a plain {@code readTree}, this resolves anchors and aliases ({@code &name} / {@code *name}) and merge keys
 * ({@code <<: *name}), and reports duplicate keys and extra YAML documents instead of silently dropping data.
 */
final class YamlDoc {
    /** Where a key or list item stood: 1-based line and column, and the scalar text as written (null for a container). */
    record Pos(int line, int column, String raw) {}

    static final String PLACE = "catalogue";
    static final String FIELD = "(yaml)";
    /** Nodes an alias may copy in all, against "billion laughs" documents. */
    private static final int MAX_ALIAS_NODES = 1_000_000;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            // "key:" with nothing after it is null, as in YAML (the builder does not apply this default by itself)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            // YAML 1.2: only true/false are booleans; yes, no, on, off (ids like NO or ON) stay text
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private final Map<JsonNode, Map<Object, Pos>> positions = new IdentityHashMap<>();
    private final Map<JsonNode, Pos> starts = new IdentityHashMap<>();
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private final List<CatalogueError> errors;
    private int aliasNodes;
    private JsonNode root;

    private YamlDoc(List<CatalogueError> errors) {
        this.errors = errors;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        // The default (3 MB) would refuse a province-sized catalogue; a national one is a few hundred MB of YAML.
        o.setCodePointLimit(Integer.MAX_VALUE);
        return o;
    }

    /**
     * Reads text. Returns the document, whose {@link #root()} is null when the text holds no YAML content; returns null
     * when the text is not well-formed YAML (the reason is then added to errors). Duplicate keys, unknown aliases and
     * extra documents are added to errors but still give a document.
     */
    static YamlDoc parse(String text, List<CatalogueError> errors) {
        YamlDoc doc = new YamlDoc(errors);
        try (YAMLParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return doc;
            }
            doc.root = doc.read(p);
            if (doc.root.isNull()) {
                doc.root = null;
            }
            if (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                errors.add(new CatalogueError(PLACE, FIELD, "a second YAML document starts near line " + line
                        + " (after a '---' line); a catalogue must be one document: remove the extra '---'"
                        + " or split the file"));
            }
            return doc;
        } catch (JsonProcessingException e) {
            errors.add(new CatalogueError(PLACE, FIELD, syntaxMessage(e)));
            return null;
        } catch (IllegalStateException e) {
            errors.add(new CatalogueError(PLACE, FIELD, e.getMessage() + "; use fewer nested aliases"));
            return null;
        } catch (IOException e) {
            errors.add(new CatalogueError(PLACE, FIELD, "cannot read the YAML text: " + e.getMessage()));
            return null;
        }
    }

    private static String syntaxMessage(JsonProcessingException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof MarkedYAMLException)) {
            cause = cause.getCause();
        }
        if (cause instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark pm = m.getProblemMark();
            StringBuilder sb = new StringBuilder("YAML syntax error at line ")
                    .append(pm.getLine() + 1).append(", column ").append(pm.getColumn() + 1).append(": ")
                    .append(m.getProblem() == null ? "malformed YAML" : oneLine(m.getProblem()));
            if (m.getContext() != null) {
                sb.append(" (").append(oneLine(m.getContext()));
                Mark cm = m.getContextMark();
                if (cm != null) {
                    sb.append(" that starts at line ").append(cm.getLine() + 1).append(", column ").append(cm.getColumn() + 1);
                }
                sb.append(')');
            }
            if (m.getProblem() != null && m.getProblem().contains("found character '%'")) {
                sb.append("; a value starting with % must be quoted, e.g. unit: \"%\" or unit: \"%LEL\"");
            }
            return sb.toString();
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return "YAML syntax error" + where + ": " + oneLine(e.getOriginalMessage());
    }

    private static String oneLine(String s) {
        return s.replace("\t", "\\t")
                .replace(" (Do not use % for indentation)", "")
                .replaceAll("\\s*\\R\\s*", " ")
                .trim();
    }

    JsonNode root() {
        return root;
    }

    /** Where key (a field name or a list index) of container stood, or null when not known. */
    Pos pos(JsonNode container, Object key) {
        Map<Object, Pos> m = positions.get(container);
        return m == null ? null : m.get(key);
    }

    /** Where container began, or null when not known. */
    Pos start(JsonNode container) {
        return starts.get(container);
    }

    // ---- tree building ------------------------------------------------------------------------------------------

    private Pos here(YAMLParser p, boolean scalar) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        return new Pos(loc.getLineNr(), loc.getColumnNr(), scalar ? p.getText() : null);
    }

    /** Reads the value at the current token, leaving the parser on its last token. */
    private JsonNode read(YAMLParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (p.isCurrentAlias()) {
            return alias(p);
        }
        Object objectId = p.getObjectId(); // a YAML anchor (&name) is what Jackson calls an object id
        String anchor = objectId == null ? null : objectId.toString();
        JsonNode node;
        switch (t) {
            case START_OBJECT -> node = readObject(p);
            case START_ARRAY -> node = readArray(p);
            case VALUE_STRING -> node = new TextNode(p.getText());
            case VALUE_NUMBER_INT -> node = switch (p.getNumberType()) {
                case INT -> new IntNode(p.getIntValue());
                case LONG -> new LongNode(p.getLongValue());
                default -> new BigIntegerNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> node = p.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.BIG_DECIMAL
                    ? new DecimalNode(p.getDecimalValue())
                    : new DoubleNode(p.getDoubleValue());
            case VALUE_TRUE -> node = BooleanNode.TRUE;
            case VALUE_FALSE -> node = BooleanNode.FALSE;
            case VALUE_NULL -> node = NullNode.instance;
            default -> {
                // e.g. !!binary: nothing a catalogue uses; the validator reports it as "no value"
                node = NullNode.instance;
            }
        }
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private ObjectNode readObject(YAMLParser p) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Map<Object, Pos> where = new HashMap<>();
        positions.put(o, where);
        starts.put(o, here(p, false));
        Set<String> merged = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Pos keyPos = here(p, false);
            p.nextToken();
            Pos valuePos = here(p, isScalar(p.currentToken()) && !p.isCurrentAlias());
            JsonNode value = read(p);
            if ("<<".equals(key)) {
                merge(o, where, merged, value, keyPos);
                continue;
            }
            Pos pos = new Pos(keyPos.line(), keyPos.column(), valuePos.raw());
            if (o.has(key) && !merged.contains(key)) {
                Pos first = where.get(key);
                errors.add(new CatalogueError(PLACE, FIELD, "duplicate key \"" + key + "\" at line " + keyPos.line()
                        + ", column " + keyPos.column() + (first == null ? "" : " (first given at line " + first.line() + ")")
                        + "; a key may appear once per mapping: remove one of them"));
                continue;
            }
            merged.remove(key);
            o.set(key, value);
            where.put(key, pos);
        }
        return o;
    }

    /** YAML merge key: copies the fields of a mapping (or of each mapping of a list) that o does not set itself. */
    private void merge(ObjectNode o, Map<Object, Pos> where, Set<String> merged, JsonNode value, Pos keyPos) {
        if (value.isArray()) {
            for (JsonNode v : value) {
                merge(o, where, merged, v, keyPos);
            }
            return;
        }
        if (!value.isObject()) {
            errors.add(new CatalogueError(PLACE, FIELD, "merge key \"<<\" at line " + keyPos.line()
                    + " needs an alias of a mapping (like <<: *limits), found " + (value.isNull() ? "no value" : value.getNodeType().toString().toLowerCase())));
            return;
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!o.has(e.getKey())) {
                o.set(e.getKey(), e.getValue());
                Pos from = pos(value, e.getKey());
                where.put(e.getKey(), new Pos(keyPos.line(), keyPos.column(), from == null ? null : from.raw()));
                merged.add(e.getKey());
            }
        }
    }

    private ArrayNode readArray(YAMLParser p) throws IOException {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        Map<Object, Pos> where = new HashMap<>();
        positions.put(a, where);
        starts.put(a, here(p, false));
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            Pos pos = here(p, isScalar(t) && !p.isCurrentAlias());
            where.put(a.size(), pos);
            a.add(read(p));
        }
        return a;
    }

    private JsonNode alias(YAMLParser p) throws IOException {
        String name = p.getText();
        JsonNode target = anchors.get(name);
        Pos at = here(p, false);
        if (target == null) {
            errors.add(new CatalogueError(PLACE, FIELD, "alias *" + name + " at line " + at.line() + ", column "
                    + at.column() + " refers to no anchor &" + name + " defined before it"));
            return NullNode.instance;
        }
        if (!target.isContainerNode()) {
            return target;
        }
        return copy(target, at);
    }

    /** A deep copy of an anchored container, whose positions are those of the alias that uses it. */
    private JsonNode copy(JsonNode n, Pos at) {
        if (!n.isContainerNode()) {
            return n;
        }
        if (++aliasNodes > MAX_ALIAS_NODES) {
            throw new IllegalStateException("aliases expand to more than " + MAX_ALIAS_NODES + " nodes");
        }
        Map<Object, Pos> where = new HashMap<>();
        JsonNode c;
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                o.set(e.getKey(), copy(e.getValue(), at));
                Pos from = pos(n, e.getKey());
                where.put(e.getKey(), new Pos(at.line(), at.column(), from == null ? null : from.raw()));
            }
            c = o;
        } else {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < n.size(); i++) {
                a.add(copy(n.get(i), at));
                Pos from = pos(n, i);
                where.put(i, new Pos(at.line(), at.column(), from == null ? null : from.raw()));
            }
            c = a;
        }
        positions.put(c, where);
        starts.put(c, at);
        return c;
    }

    private static boolean isScalar(JsonToken t) {
        return t != null && t.isScalarValue();
    }
}
