package dev.furlong.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

public class HtmlReportTest {

    static final Pattern FIGURE = Pattern.compile("<figure id=\"([a-z_]+)\" data-points=\"(\\d+)\">(.*?)</figure>", Pattern.DOTALL);
    /** JFreeSVG's group around one data item: its row and column keys, quoted. */
    static final Pattern MARK = Pattern.compile("jfreesvg:ref='\\{&quot;rowKey&quot;");

    /** Each figure's name → the marks drawn in its SVG, checked against the points it says it has. */
    public static Map<String, Integer> marks(String html) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher f = FIGURE.matcher(html);
        while (f.find()) {
            int marks = (int) MARK.matcher(f.group(3)).results().count();
            assertEquals(Integer.parseInt(f.group(2)), marks, f.group(1) + ": one mark per data point");
            out.put(f.group(1), marks);
        }
        return out;
    }

    @Test
    void everyChartIsInlineSvgWithOneMarkPerPoint() {
        Map<String, Double> years = new LinkedHashMap<>();
        years.put("2015", 9_100.0);
        years.put("2016", 0.0);
        years.put("2017", 9_300.0);
        Map<String, Double> months = new LinkedHashMap<>();
        for (int m = 0; m < 50; m++) {
            months.put(String.format("%d-%02d", 2015 + m / 12, m % 12 + 1), 9.5 + m % 3);
        }
        Validation v = new Validation("2026-12-05T22:45", "/lake", "db <main>", List.of(
                Check.of("races_per_year", Severity.ERROR, "each year >= 50% of its neighbours'", "2016: 0.0 races per day", 0.0, false,
                        "below: 2016"),
                Check.of("rows.ra_runners", Severity.INFO, "", "92,000", 92_000.0, true, "")),
                List.of(new Validation.Series("races_per_year", "Races per year", "races", years),
                        new Validation.Series("runners_per_race_by_month", "Runners per race, by month", "runners per race", months),
                        new Validation.Series("freshness", "Hours behind", "hours", Map.of())));

        String html = HtmlReport.render(v);

        assertEquals(Map.of("races_per_year", 3, "runners_per_race_by_month", 50, "freshness", 0), marks(html));
        assertTrue(html.contains("<svg"), "charts are inline SVG");
        for (String fetches : List.of("<script", "<link", "<img", " src=")) {
            assertFalse(html.contains(fetches), "the page fetches nothing: " + fetches);
        }
        assertTrue(html.contains("db &lt;main&gt;"), "text is escaped");
        assertTrue(html.contains("<td class=\"outcome\">FAIL</td><td>races_per_year</td>"), html);
        assertTrue(html.contains("0 of 1 checks passed; 1 errors, 0 warnings."), html);
        assertTrue(html.contains("Hours behind: nothing to draw."), html);
        assertTrue(html.contains("2015-01 to 2019-02"), "a long axis names its first and last category");
    }
}
