package dev.furlong.lake;

/** Where each table of the lake lives under its root (DATA-MODEL.md: bronze, silver, gold; and the run history). */
public record Lake(String root) {

    public Lake {
        root = root.replaceAll("/+$", "");
    }

    public String bronze(String table) {
        return root + "/bronze/" + table;
    }

    public String silver(String table) {
        return root + "/silver/" + table;
    }

    public String gold(String table) {
        return root + "/gold/" + table;
    }

    public String apiResponses() {
        return bronze("api_responses");
    }

    public String fetchLog() {
        return bronze("fetch_log");
    }

    /** The run history: a row per stage of every run. */
    public String etlRuns() {
        return root + "/meta/etl_runs";
    }

    /** Which silver versions and as-of date each set of statistics was last brought up to date with. */
    public String statisticsWatermarks() {
        return root + "/meta/statistics_watermarks";
    }

    public String quarantine() {
        return silver("quarantine");
    }
}
