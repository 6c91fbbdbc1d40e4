package com.hazardwatch.model.catalogue;

import java.util.List;
import java.util.stream.Collectors;

/** A catalogue that cannot be used, with every error found in it (not just the first). */
public class CatalogueException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String origin;
    private final List<CatalogueError> errors;

    public CatalogueException(String origin, List<CatalogueError> errors) {
        super(render(origin, errors));
        this.origin = origin;
        this.errors = List.copyOf(errors);
    }

    public String origin() {
        return origin;
    }

    public List<CatalogueError> errors() {
        return errors;
    }

    private static String render(String origin, List<CatalogueError> errors) {
        return "catalogue " + origin + " has " + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + ":\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
