package dev.furlong.cli;

import dev.furlong.config.Settings;
import dev.furlong.pipeline.Console;
import dev.furlong.pipeline.RunContext;
import dev.furlong.publish.PgTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Runs a query on the configured Postgres (or the embedded one) and prints the result as a table.")
final class SqlCommand implements Callable<Integer> {

    static final int MAX_ROWS = 1_000;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL to run.")
    String query;

    @Mixin
    DemoDatabaseOption demoDatabase;

    @Override
    public Integer call() throws Exception {
        Settings settings = demoDatabase.apply(common.settings());
        Console console = new Console(System.err, common.verbosity() < 0);
        try (RunContext ctx = RunContext.forApi(settings, console, common.env())) {
            PgTarget db = ctx.database();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("SET search_path TO \"" + db.schema() + "\"");
                st.setMaxRows(MAX_ROWS + 1);
                if (st.execute(query)) {
                    try (ResultSet rs = st.getResultSet()) {
                        System.out.print(table(rs));
                    }
                } else {
                    System.out.println(st.getUpdateCount() + " rows affected");
                }
            }
        }
        return Furlong.OK;
    }

    /** A plain text table, columns padded to their widest value. */
    static String table(ResultSet rs) throws java.sql.SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[n];
        for (int i = 0; i < n; i++) {
            header[i] = md.getColumnLabel(i + 1);
        }
        int count = 0;
        boolean truncated = false;
        while (rs.next()) {
            if (++count > MAX_ROWS) {
                truncated = true;
                break;
            }
            String[] r = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                r[i] = v == null ? "" : v.toString();
            }
            rows.add(r);
        }
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        line(s, header, width);
        String[] rule = new String[n];
        for (int i = 0; i < n; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(s, rule, width);
        rows.forEach(r -> line(s, r, width));
        s.append("(").append(rows.size()).append(rows.size() == 1 ? " row" : " rows")
                .append(truncated ? ", truncated at " + MAX_ROWS : "").append(")\n");
        return s.toString();
    }

    private static void line(StringBuilder s, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                s.append(" | ");
            }
            s.append(cells[i]).append(" ".repeat(width[i] - cells[i].length()));
        }
        s.append('\n');
    }
}
