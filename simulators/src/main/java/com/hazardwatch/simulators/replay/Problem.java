package com.hazardwatch.simulators.replay;

/**
 * Something wrong in a recording, with its place: {@code line 12, column 3 (E01-TT101): 'abc' is not a number}.
 *
 * @param line 1-based line in the file
 * @param column 1-based column, or 0 when the problem is the whole line
 * @param header the column's header, or null when unknown or not a column problem
 * @param message what is wrong and, where it helps, what is expected
 */
public record Problem(int line, int column, String header, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("line ").append(line);
        if (column > 0) {
            sb.append(", column ").append(column);
            if (header != null && !header.isEmpty()) {
                sb.append(" (").append(header).append(')');
            }
        }
        return sb.append(": ").append(message).toString();
    }
}
