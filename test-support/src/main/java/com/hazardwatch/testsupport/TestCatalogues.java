package com.hazardwatch.testsupport;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;

/** Small catalogues for tests: one enterprise, a level, a temperature and a pressure sensor. */
public final class TestCatalogues {
    private TestCatalogues() {}

    /** Enterprise E01 (town T01) with tank level E01-LT101, temperature E01-TT101 and pressure E01-PT101. */
    private static final String E01 = """
              - id: E01
                name: 澜涛石化仓储有限公司
                town: T01
                sources:
                  - id: E01-S1
                    name: 1号液化烃球罐区
                    grade: 1
                    sensors:
                      - {id: E01-LT101, name: 1号球罐液位, kind: level, unit: "%", range: [0, 100], limits: {ll: 5, l: 10, h: 85, hh: 95}}
                      - {id: E01-TT101, name: 1号球罐温度, kind: temperature, unit: "C", range: [-20, 80], limits: {h: 40, hh: 50}}
                      - {id: E01-PT101, name: 1号球罐压力, kind: pressure, unit: "MPa", range: [0, 2.5], limits: {h: 1.8, hh: 2}}
            """;

    public static final String THREE_SENSORS = """
            name: catalogue topic test
            towns:
              - {id: T01, name: 临港镇}
            enterprises:
            """ + E01;

    /** {@link #THREE_SENSORS} plus a second town T02 whose enterprise E02 has one gas detector, E02-GT101. */
    public static final String TWO_TOWNS = """
            name: two towns
            towns:
              - {id: T01, name: 临港镇}
              - {id: T02, name: 滨海镇}
            enterprises:
            """ + E01 + """
              - id: E02
                name: 第二化工
                town: T02
                sources:
                  - id: E02-S1
                    name: 储罐区
                    grade: 2
                    sensors:
                      - {id: E02-GT101, name: 可燃气体, kind: combustible_gas, unit: "%LEL", range: [0, 100], limits: {h: 20, hh: 40}}
            """;

    public static Catalogue parse(String yaml) {
        try {
            return CatalogueLoader.parse(yaml, "test");
        } catch (CatalogueException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public static Catalogue threeSensors() {
        return parse(THREE_SENSORS);
    }
}
