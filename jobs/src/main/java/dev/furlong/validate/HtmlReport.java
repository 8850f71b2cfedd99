package dev.furlong.validate;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * {@link Validation} as one self-contained HTML page: the checks as a table, then a chart per series drawn by JFreeChart as
 * inline SVG, so the page needs no network and no script. Each bar is its own SVG group ({@code jfreesvg:ref}), one per point.
 */
public final class HtmlReport {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 360;
    /** Beyond this many categories (months of a long backfill) the axis names only the first and the last. */
    private static final int LABELLED_CATEGORIES = 40;

    private HtmlReport() {
    }

    public static String render(Validation v) {
        System.setProperty("java.awt.headless", "true");
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Furlong validation</title>
                <style>
                body { font: 14px/1.4 sans-serif; margin: 24px; color: #222; }
                table { border-collapse: collapse; margin-bottom: 24px; }
                th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
                tr.fail-error td.outcome { background: #f8d0d0; } tr.fail-warn td.outcome { background: #fbeec0; }
                tr.pass td.outcome { background: #d6efd6; } figure { margin: 0 0 24px 0; }
                </style></head><body>
                """);
        long judged = v.checks().stream().filter(c -> c.severity() != Severity.INFO).count();
        long errors = v.failed(Severity.ERROR);
        long warnings = v.failed(Severity.WARN);
        h.append("<h1>Furlong validation</h1>\n<p>").append(esc(v.database())).append(" and the lake at ").append(esc(v.lake()))
                .append(", as of ").append(esc(v.asOf())).append(".</p>\n<p class=\"summary\">").append(judged - errors - warnings)
                .append(" of ").append(judged).append(" checks passed; ").append(errors).append(" errors, ").append(warnings)
                .append(" warnings.</p>\n");
        h.append("<table><tr><th>outcome</th><th>check</th><th>severity</th><th>measured</th><th>threshold</th><th>detail</th></tr>\n");
        for (Check c : v.checks()) {
            String css = c.passed() ? "pass" : "fail-" + c.severity().name().toLowerCase();
            String outcome = c.severity() == Severity.INFO ? "info" : c.passed() ? "pass" : "FAIL";
            h.append("<tr class=\"").append(css).append("\"><td class=\"outcome\">").append(outcome).append("</td><td>").append(esc(c.name()))
                    .append("</td><td>").append(c.severity().name().toLowerCase()).append("</td><td>").append(esc(c.measured()))
                    .append("</td><td>").append(esc(c.threshold())).append("</td><td>").append(esc(c.detail())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Validation.Series s : v.series()) {
            h.append("<figure id=\"").append(s.name()).append("\" data-points=\"").append(s.points().size()).append("\">\n");
            h.append(s.points().isEmpty() ? "<p>" + esc(s.title()) + ": nothing to draw.</p>" : svg(s)).append("\n</figure>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    /** One bar chart as an SVG element. */
    static String svg(Validation.Series s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        s.points().forEach((category, value) -> data.addValue(value, s.unit(), category));
        JFreeChart chart = ChartFactory.createBarChart(s.title(), null, s.unit(), data, PlotOrientation.VERTICAL, false, false, false);
        chart.setElementHinting(true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xcccccc));
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x2b6cb0));
        bars.setMaximumBarWidth(0.08);
        CategoryAxis axis = plot.getDomainAxis();
        List<String> categories = List.copyOf(s.points().keySet());
        if (categories.size() > LABELLED_CATEGORIES) {
            axis.setTickLabelsVisible(false);
            chart.addSubtitle(new TextTitle(categories.get(0) + " to " + categories.get(categories.size() - 1)));
        } else if (categories.size() > 12) {
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement(s.name() + "-svg");
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
