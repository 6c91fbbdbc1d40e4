package com.hazardwatch.simulators.script;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario script that cannot be used, with every error found in it (not just the first). */
public class ScriptException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String origin;
    private final List<ScriptError> errors;

    public ScriptException(String origin, List<ScriptError> errors) {
        super(render(origin, errors));
        this.origin = origin;
        this.errors = List.copyOf(errors);
    }

    /** The script's path (or name) as given. */
    public String origin() {
        return origin;
    }

    public List<ScriptError> errors() {
        return errors;
    }

    private static String render(String origin, List<ScriptError> errors) {
        return "scenario script " + origin + " has " + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + ":\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
