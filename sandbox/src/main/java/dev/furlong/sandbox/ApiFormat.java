package dev.furlong.sandbox;

import java.util.Locale;

/** How the API writes numbers as text: beaten lengths, times, money and fractional prices. */
final class ApiFormat {

    static final String[] FRACTIONS = {"1/50", "1/33", "1/25", "1/20", "1/16", "1/14", "1/12", "1/10", "1/8", "1/7",
            "1/6", "2/11", "1/5", "2/9", "1/4", "2/7", "1/3", "4/11", "2/5", "4/9", "1/2", "8/15", "4/7",
            "8/13", "4/6", "8/11", "4/5", "5/6", "10/11", "1/1", "11/10", "6/5", "5/4", "11/8", "6/4", "13/8", "7/4", "15/8",
            "2/1", "9/4", "5/2", "11/4", "3/1", "10/3", "7/2", "4/1", "9/2", "5/1", "11/2", "6/1", "13/2", "7/1", "15/2", "8/1",
            "17/2", "9/1", "10/1", "11/1", "12/1", "14/1", "16/1", "18/1", "20/1", "22/1", "25/1", "28/1", "33/1", "40/1",
            "50/1", "66/1", "80/1", "100/1", "125/1", "150/1", "200/1", "250/1"};

    private ApiFormat() {
    }

    static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** "0.1", ".75", "3.25", "14": how the API prints lengths. */
    static String formatLengths(double lengths) {
        String s = new java.math.BigDecimal(Double.toString(Math.round(lengths * 100) / 100.0)).stripTrailingZeros().toPlainString();
        return s.startsWith("0.") && (s.equals("0.25") || s.equals("0.5") || s.equals("0.75")) ? s.substring(1) : s;
    }

    /** "2:19.97", and "5:1.46" for seconds below ten: the API does not pad them. */
    static String formatTime(double seconds) {
        long hundredths = Math.round(seconds * 100);
        long minutes = hundredths / 6000;
        double rest = (hundredths % 6000) / 100.0;
        return minutes + ":" + String.format(Locale.ROOT, "%.2f", rest);
    }

    static String formatLongTime(double seconds) {
        long hundredths = Math.round(seconds * 100);
        return hundredths / 6000 + "m " + String.format(Locale.ROOT, "%.2f", (hundredths % 6000) / 100.0) + "s";
    }

    static double parseTime(String time) {
        String[] p = time.split(":");
        return Integer.parseInt(p[0]) * 60 + Double.parseDouble(p[1]);
    }

    static String money(double amount) {
        return String.format(Locale.ROOT, "%.2f", Math.round(amount * 100) / 100.0);
    }

    static double fractionValue(String fraction) {
        String[] p = fraction.split("/");
        return Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
    }

    /** The longest ladder price not longer than the given odds: bookmakers round in their own favour. */
    static String nearestFraction(double odds) {
        String best = FRACTIONS[0];
        for (String f : FRACTIONS) {
            if (fractionValue(f) <= odds + 1e-9) {
                best = f;
            }
        }
        return best;
    }
}
