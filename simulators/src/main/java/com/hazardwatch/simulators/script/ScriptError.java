package com.hazardwatch.simulators.script;

/**
 * One thing wrong with a scenario script.
 *
 * @param file the script's path as given (or an origin such as "test")
 * @param line 1-based line of the key or item at fault, or 0 when not known
 * @param message what is wrong and how to fix it
 */
public record ScriptError(String file, int line, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
