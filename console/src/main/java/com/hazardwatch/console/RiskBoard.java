package com.hazardwatch.console;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.event.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The four-colour board: the latest level of every town and enterprise from hw.risk (read from the beginning, so the
 * last change of each is its level now); one never changed is BLUE.
 */
public final class RiskBoard {
    /** One square of the board. */
    public record Cell(String id, String name, String town, String level, double score, long since, int standing) {}

    /** The board: every town of the catalogue, every enterprise, in catalogue order. */
    public record Board(List<Cell> towns, List<Cell> enterprises) {}

    private final Catalogue catalogue;
    private final Map<String, RiskChange> latest = new ConcurrentHashMap<>();

    public RiskBoard(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public void apply(RiskChange c) {
        if (RiskChange.TOWN.equals(c.scope()) || RiskChange.ENTERPRISE.equals(c.scope())) {
            latest.merge(c.scope() + ":" + c.id(), c, (old, now) -> now.ts() >= old.ts() ? now : old);
        }
    }

    public RiskLevel level(String scope, String id) {
        RiskChange c = latest.get(scope + ":" + id);
        return c == null ? RiskLevel.BLUE : c.level();
    }

    public Board board(Map<String, Integer> standingByTown, Map<String, Integer> standingByEnterprise) {
        List<Cell> towns = new ArrayList<>();
        for (Town t : catalogue.towns()) {
            towns.add(cell(RiskChange.TOWN, t.id(), t.name(), t.id(), standingByTown.getOrDefault(t.id(), 0)));
        }
        List<Cell> enterprises = new ArrayList<>();
        for (Enterprise e : catalogue.enterprises()) {
            enterprises.add(cell(RiskChange.ENTERPRISE, e.id(), e.name(), e.town(), standingByEnterprise.getOrDefault(e.id(), 0)));
        }
        return new Board(towns, enterprises);
    }

    private Cell cell(String scope, String id, String name, String town, int standing) {
        RiskChange c = latest.get(scope + ":" + id);
        return new Cell(id, name, town, c == null ? RiskLevel.BLUE.name() : c.level().name(), c == null ? 0 : c.score(),
                c == null ? 0 : c.ts(), standing);
    }
}
