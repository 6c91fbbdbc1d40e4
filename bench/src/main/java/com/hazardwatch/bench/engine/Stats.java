package com.hazardwatch.bench.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Min, median and max of a few measurements (a noisy machine: quote the median). */
public record Stats(double min, double median, double max, int n) {
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Stats(v.get(0), median, v.get(n - 1), n);
    }

    /** (max - min) / median: how far apart the repetitions were. */
    public double spread() {
        return median == 0 ? Double.NaN : (max - min) / median;
    }
}
