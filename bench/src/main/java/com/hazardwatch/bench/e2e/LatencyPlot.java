package com.hazardwatch.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import javax.imageio.ImageIO;

/**
 * PNG plot of latency against target rate: alarm latency p50, p99 and max, InfluxDB p99, on a logarithmic latency
 * axis, with the 250 ms and 1 s targets as dashed lines. Java2D on a headless BufferedImage.
 */
public final class LatencyPlot {
    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 210;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private LatencyPlot() {}

    private record Series(String name, Color color, ToLongFunction<StepResult> value, boolean dashed) {}

    public static void write(List<StepResult> steps, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g, steps, title);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void draw(Graphics2D g, List<StepResult> steps, String title) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 28);

        List<Series> series = List.of(
                // drawn in this order: max under p99 (with few samples they coincide)
                new Series("alarm max", new Color(0xef9a9a), r -> r.alarmLatency.max(), false),
                new Series("alarm p50", new Color(0x2e7d32), r -> r.alarmLatency.p50(), false),
                new Series("alarm p99", new Color(0xc62828), r -> r.alarmLatency.p99(), false),
                new Series("InfluxDB p99", new Color(0x1565c0), r -> r.influxLatency.p99(), true));

        double minRate = Double.MAX_VALUE;
        double maxRate = 0;
        long maxMs = 1000;
        long minMs = 100;
        for (StepResult r : steps) {
            minRate = Math.min(minRate, r.targetRate);
            maxRate = Math.max(maxRate, r.targetRate);
            for (Series s : series) {
                long v = s.value().applyAsLong(r);
                if (v >= 0) {
                    maxMs = Math.max(maxMs, v);
                    minMs = Math.min(minMs, Math.max(1, v));
                }
            }
        }
        if (steps.isEmpty()) {
            minRate = 0;
            maxRate = 1;
        }
        double xMin = 0;
        double xMax = niceCeil(maxRate <= 0 ? 1 : maxRate * 1.05);
        double yLo = Math.pow(10, Math.floor(Math.log10(Math.max(1, minMs))));
        double yHi = Math.pow(10, Math.ceil(Math.log10(maxMs * 1.2)));
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;

        // grid and axes
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double d = yLo; d <= yHi * 1.0001; d *= 10) {
            for (int m = 1; m < 10; m++) {
                double v = d * m;
                if (v > yHi * 1.0001) {
                    break;
                }
                int y = yPix(v, yLo, yHi, ph);
                g.setColor(m == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(LEFT, y, LEFT + pw, y);
                if (m == 1) {
                    g.setColor(Color.DARK_GRAY);
                    String label = v >= 1000 ? fmt(v / 1000) + " s" : fmt(v) + " ms";
                    g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + 4);
                }
            }
        }
        int ticks = 5;
        for (int i = 0; i <= ticks; i++) {
            double v = xMin + (xMax - xMin) * i / ticks;
            int x = xPix(v, xMin, xMax, pw);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, TOP, x, TOP + ph);
            g.setColor(Color.DARK_GRAY);
            String label = String.format("%,.0f", v);
            g.drawString(label, x - fm.stringWidth(label) / 2, TOP + ph + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);
        String xl = "target rate, readings/s";
        g.drawString(xl, LEFT + pw / 2 - fm.stringWidth(xl) / 2, TOP + ph + 40);
        Graphics2D gr = (Graphics2D) g.create();
        gr.rotate(-Math.PI / 2);
        String yl = "latency from reading ts (log scale)";
        gr.drawString(yl, -(TOP + ph / 2 + fm.stringWidth(yl) / 2), 18);
        gr.dispose();

        // targets
        Stroke dash = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 5}, 0);
        Stroke plain = new BasicStroke(2.2f);
        for (double t : new double[] {250, 1000}) {
            if (t >= yLo && t <= yHi) {
                int y = yPix(t, yLo, yHi, ph);
                g.setColor(new Color(0x888888));
                g.setStroke(dash);
                g.drawLine(LEFT, y, LEFT + pw, y);
                g.drawString(t >= 1000 ? "1 s target" : "250 ms target", LEFT + pw + 6, y + 4);
            }
        }

        // series
        int legendY = TOP + 40;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(s.dashed() ? dash : plain);
            List<int[]> pts = new ArrayList<>();
            for (StepResult r : steps) {
                long v = s.value().applyAsLong(r);
                if (v >= 0) {
                    pts.add(new int[] {xPix(r.targetRate, xMin, xMax, pw), yPix(Math.max(v, yLo), yLo, yHi, ph)});
                }
            }
            for (int i = 1; i < pts.size(); i++) {
                g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], pts.get(i)[0], pts.get(i)[1]);
            }
            g.setStroke(new BasicStroke(1f));
            for (int[] p : pts) {
                g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
            }
            g.setStroke(s.dashed() ? dash : plain);
            g.drawLine(LEFT + pw + 12, legendY + 36, LEFT + pw + 40, legendY + 36);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), LEFT + pw + 46, legendY + 40);
            legendY += 22;
        }
        // steps not sustained
        g.setColor(new Color(0xc62828));
        for (StepResult r : steps) {
            if (!r.sustained) {
                int x = xPix(r.targetRate, xMin, xMax, pw);
                g.drawString("not sustained", Math.min(x - 30, LEFT + pw - 80), TOP + 14);
            }
        }
    }

    private static int xPix(double v, double min, double max, int pw) {
        return LEFT + (int) Math.round((v - min) / (max - min) * pw);
    }

    private static int yPix(double v, double lo, double hi, int ph) {
        double f = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        return TOP + ph - (int) Math.round(f * ph);
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
