package com.hazardwatch.notifications;

import com.hazardwatch.model.catalogue.CatalogueError;
import java.util.List;
import java.util.stream.Collectors;

/** A duty roster that cannot be used, with every error found in it (not just the first), each with its place. */
public class RosterException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<CatalogueError> errors;

    public RosterException(String origin, List<CatalogueError> errors) {
        super("roster " + origin + " has " + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + ":\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<CatalogueError> errors() {
        return errors;
    }
}
