package com.hazardwatch.notifications.operators;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.notifications.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The words of a notification: Chinese first (duty officers read it), English below. Names the enterprise, source and
 * sensor (name and id from the catalogue), the alarm type, the value and limit with the rule's detail, the priority and
 * the time in the roster's zone.
 */
public final class Messages {
    /** Subject and body of one message. */
    public record Message(String subject, String text) {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private final Catalogue catalogue;
    private final ZoneId zone;

    public Messages(Catalogue catalogue, ZoneId zone) {
        this.catalogue = catalogue;
        this.zone = zone;
    }

    public Message alarm(LifecycleEvent e, Level level) {
        AlarmEvent a = e.event();
        Names n = names(a);
        String subject = "【" + priorityZh(e.priority()) + "报警】" + n.enterpriseZh + " " + n.sensorZh + " " + typeZh(a.type())
                + " / P" + e.priority() + " " + a.type() + " " + a.sensor();
        String zh = "【危险源报警】" + transitionZh(e) + "，" + priorityZh(e.priority()) + "（P" + e.priority() + "）\n"
                + body(e, n) + "接收层级：" + level.chinese() + "\n请立即核实并在系统中确认（ACK）。";
        String en = "Hazard alarm: " + transitionEn(e) + ", priority P" + e.priority() + "\n" + bodyEn(e, n)
                + "Sent to: " + level.english() + "\nPlease verify at once and acknowledge (ACK).";
        return new Message(subject, zh + "\n\n" + en);
    }

    public Message escalation(LifecycleEvent e, Level from, Level to, long waitedMillis) {
        AlarmEvent a = e.event();
        Names n = names(a);
        long min = Math.round(waitedMillis / 60000.0);
        String seconds = java.math.BigDecimal.valueOf(waitedMillis / 100 / 10.0).stripTrailingZeros().toPlainString();
        String waited = waitedMillis < 60_000 ? seconds + " 秒" : min + " 分钟";
        String waitedEn = waitedMillis < 60_000 ? seconds + " s" : min + " min";
        String subject = "【升级·" + priorityZh(e.priority()) + "】" + n.enterpriseZh + " " + n.sensorZh + " " + typeZh(a.type())
                + " 未确认 / ESCALATED P" + e.priority() + " " + a.type() + " " + a.sensor() + " not acknowledged";
        String zh = "【报警升级】" + from.chinese() + "在 " + waited + "内未确认，现升级至" + to.chinese() + "。"
                + priorityZh(e.priority()) + "（P" + e.priority() + "）\n" + body(e, n) + "请立即督促处置并在系统中确认（ACK）。";
        String en = "Escalated alarm: not acknowledged by the " + from.english() + " within " + waitedEn + ", now sent to the "
                + to.english() + ". Priority P" + e.priority() + "\n" + bodyEn(e, n) + "Please see that it is handled and acknowledge (ACK).";
        return new Message(subject, zh + "\n\n" + en);
    }

    /** The summary of a flood: the held notifications of one recipient's window. */
    public Message group(List<Notification> held, long windowStart, long windowEnd) {
        long minutes = Math.max(1, Math.round((windowEnd - windowStart) / 60000.0));
        StringBuilder zh = new StringBuilder("【报警汇总】" + minutes + " 分钟内另有 " + held.size() + " 条通知（报警泛滥，已合并发送）：\n");
        StringBuilder en = new StringBuilder("Alarm flood: " + held.size() + " more notifications within " + minutes
                + " min, sent together:\n");
        int best = 4;
        for (Notification h : held) {
            best = Math.min(best, h.priority() <= 0 ? 4 : h.priority());
            String line = "- " + h.subject() + "\n";
            zh.append(line);
        }
        for (Notification h : held) {
            en.append("- ").append(h.kind()).append(' ').append(String.join(",", h.alarmIds())).append('\n');
        }
        zh.append("请登录报警台逐条核实并确认。");
        en.append("Please check and acknowledge each on the alarm console.");
        String subject = "【报警汇总】" + held.size() + " 条通知，最高" + priorityZh(best) + " / Alarm flood: " + held.size()
                + " notifications, highest P" + best;
        return new Message(subject, zh + "\n\n" + en);
    }

    private record Names(String enterpriseZh, String enterprise, String source, String sensorZh, String sensor) {}

    private Names names(AlarmEvent a) {
        Enterprise ent = a.enterprise() == null ? null : catalogue.enterprise(a.enterprise()).orElse(null);
        Sensor s = a.sensor() == null ? null : catalogue.sensor(a.sensor()).orElse(null);
        String srcName = null;
        if (ent != null && a.source() != null) {
            srcName = ent.sources().stream().filter(x -> x.id().equals(a.source())).map(Source::name).findFirst().orElse(null);
        }
        String entName = ent == null ? a.enterprise() : ent.name();
        String sensorName = s != null ? s.name()
                : a.type() == AlarmType.LINK_DOWN ? "全厂网关" : a.type() == AlarmType.AREA_GAS ? (srcName == null ? "危险源" : srcName) : a.sensor();
        return new Names(String.valueOf(entName), label(entName, a.enterprise()), label(srcName, a.source()),
                String.valueOf(sensorName), label(s == null ? null : s.name(), a.sensor()));
    }

    private static String label(String name, String id) {
        if (id == null) {
            return "-";
        }
        return name == null || name.equals(id) ? id : name + "（" + id + "）";
    }

    private String body(LifecycleEvent e, Names n) {
        AlarmEvent a = e.event();
        return "企业：" + n.enterprise + "\n"
                + "危险源：" + n.source + "\n"
                + "测点：" + n.sensor + "\n"
                + "报警类型：" + typeZh(a.type()) + "（" + a.type() + "）\n"
                + "详情：" + detail(a) + "\n"
                + "时间：" + time(a.ts()) + "（" + zone + "）\n"
                + "报警编号：" + a.alarmId() + "\n";
    }

    private String bodyEn(LifecycleEvent e, Names n) {
        AlarmEvent a = e.event();
        return "Enterprise: " + n.enterprise + "\n"
                + "Source: " + n.source + "\n"
                + "Sensor: " + n.sensor + "\n"
                + "Alarm type: " + a.type() + "\n"
                + "Detail: " + detail(a) + "\n"
                + "Time: " + time(a.ts()) + " (" + zone + ")\n"
                + "Alarm id: " + a.alarmId() + "\n";
    }

    private static String detail(AlarmEvent a) {
        StringBuilder sb = new StringBuilder(a.detail() == null ? "" : a.detail());
        if (Double.isFinite(a.value())) {
            sb.append(sb.length() == 0 ? "" : "; ").append("value ").append(num(a.value()));
            if (Double.isFinite(a.limit())) {
                sb.append(", limit ").append(num(a.limit()));
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private String time(long ts) {
        return TIME.format(Instant.ofEpochMilli(ts).atZone(zone));
    }

    static String priorityZh(int p) {
        return switch (p) {
            case 1 -> "一级";
            case 2 -> "二级";
            case 3 -> "三级";
            default -> "四级";
        };
    }

    private static String transitionZh(LifecycleEvent e) {
        return switch (e.transition()) {
            case RAISE -> "新报警";
            case ESCALATE -> "报警升级至更高限";
            case RETURN -> "报警再次出现";
            case UNSHELVE -> "解除搁置，报警仍在";
            case IN_SERVICE -> "恢复投用，报警仍在";
            case UNSUPPRESS -> "解除抑制，报警仍在";
            default -> String.valueOf(e.transition());
        };
    }

    private static String transitionEn(LifecycleEvent e) {
        return switch (e.transition()) {
            case RAISE -> "new alarm";
            case ESCALATE -> "alarm moved to a more severe limit";
            case RETURN -> "alarm came back";
            case UNSHELVE -> "unshelved, still active";
            case IN_SERVICE -> "back in service, still active";
            case UNSUPPRESS -> "no longer suppressed, still active";
            default -> String.valueOf(e.transition());
        };
    }

    static String typeZh(AlarmType t) {
        if (t == null) {
            return "报警";
        }
        return switch (t) {
            case HIGH_HIGH -> "高高报警";
            case HIGH -> "高报警";
            case LOW -> "低报警";
            case LOW_LOW -> "低低报警";
            case RATE_OF_CHANGE -> "变化速率超限";
            case FORECAST_HH -> "预测将达高高限";
            case FORECAST_LL -> "预测将达低低限";
            case STALE -> "数据中断";
            case LINK_DOWN -> "网关通讯中断";
            case FLATLINE -> "数值长时间不变";
            case FAULT -> "仪表故障";
            case CHATTERING -> "报警振荡（频繁报警）";
            case AREA_GAS -> "区域多点气体报警";
        };
    }
}
