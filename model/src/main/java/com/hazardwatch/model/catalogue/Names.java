package com.hazardwatch.model.catalogue;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Spelling help for catalogue and script errors: the known name nearest to a mistyped one. */
public final class Names {
    private Names() {}

    /**
     * The candidate nearest to typed, if it is close enough to be a likely typo: same letters ignoring case, or an
     * edit distance (insertions, deletions, substitutions, swaps of neighbours) of at most a third of its length
     * (at least 1). Ties go to the earlier candidate.
     */
    public static Optional<String> nearest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equalsIgnoreCase(typed)) {
                return Optional.of(c);
            }
            int d = distance(typed.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(1, best.length() / 3)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** ", did you mean ..." style hint, or an empty string. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        return nearest(typed, candidates).map(n -> "; did you mean \"" + n + "\"?").orElse("");
    }

    /** candidates joined with ", ", cut after max of them. */
    static String list(Collection<String> candidates, int max) {
        String head = candidates.stream().limit(max).collect(Collectors.joining(", "));
        return candidates.size() > max ? head + ", ... (" + candidates.size() + " in all)" : head;
    }

    /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
