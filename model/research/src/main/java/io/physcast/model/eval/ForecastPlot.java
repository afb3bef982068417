package io.physcast.model.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG of forecasts against observations for a few stations over the test frames: one panel per
 * station, observations in black, forecasts at two horizons in colour. Plain java.awt (headless),
 * so the CLI needs no plotting dependency.
 */
public final class ForecastPlot {
    private static final int WIDTH = 1200;
    private static final int PANEL = 220;
    private static final Color[] COLOURS = {new Color(200, 40, 40), new Color(40, 90, 200)};

    private ForecastPlot() {}

    /** One line to draw: values by frame (NaN = no point). */
    public record Series(String label, double[] values) {}

    public record Panel(String title, double[] observed, List<Series> forecasts) {}

    public static void write(Path png, String title, List<Panel> panels) throws IOException {
        int height = 40 + PANEL * panels.size();
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int p = 0; p < panels.size(); p++) {
            drawPanel(g, panels.get(p), 40 + p * PANEL);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void drawPanel(Graphics2D g, Panel panel, int top) {
        int left = 70;
        int right = WIDTH - 20;
        int bottom = top + PANEL - 30;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : allSeries(panel)) {
            for (double x : v) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left, top + 10, right - left, bottom - top - 10);
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left + 5, top + 24);
        g.drawString(String.format("%.1f", hi), 10, top + 20);
        g.drawString(String.format("%.1f", lo), 10, bottom);
        int frames = panel.observed().length;
        Scale s = new Scale(left, right, top + 10, bottom, frames, lo, hi);
        drawLine(g, s, panel.observed(), Color.BLACK);
        for (int i = 0; i < panel.forecasts().size(); i++) {
            Series f = panel.forecasts().get(i);
            Color c = COLOURS[i % COLOURS.length];
            drawLine(g, s, f.values(), c);
            g.setColor(c);
            g.drawString(f.label(), right - 160 + 80 * i, top + 24);
        }
    }

    private static double[][] allSeries(Panel panel) {
        double[][] out = new double[panel.forecasts().size() + 1][];
        out[0] = panel.observed();
        for (int i = 0; i < panel.forecasts().size(); i++) {
            out[i + 1] = panel.forecasts().get(i).values();
        }
        return out;
    }

    private record Scale(
            int left, int right, int top, int bottom, int frames, double lo, double hi) {
        int x(int frame) {
            return left + (int) ((right - left) * (frame + 0.5) / frames);
        }

        int y(double v) {
            return bottom - (int) ((bottom - top) * (v - lo) / (hi - lo));
        }
    }

    /** Connects consecutive finite points; a NaN breaks the line (a gap stays visible). */
    private static void drawLine(Graphics2D g, Scale s, double[] v, Color colour) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(1.3f));
        for (int t = 1; t < v.length && t < s.frames(); t++) {
            if (Double.isFinite(v[t - 1]) && Double.isFinite(v[t])) {
                g.drawLine(s.x(t - 1), s.y(v[t - 1]), s.x(t), s.y(v[t]));
            } else if (Double.isFinite(v[t]) && (t + 1 >= v.length || !Double.isFinite(v[t + 1]))) {
                g.fillOval(s.x(t) - 1, s.y(v[t]) - 1, 3, 3);
            }
        }
    }
}
