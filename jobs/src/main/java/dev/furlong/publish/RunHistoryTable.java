package dev.furlong.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.furlong.lake.RunHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code etl_runs} in Postgres: the lake's run history, a row per stage of every run, written as each run ends. */
public final class RunHistoryTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunHistoryTable() {
    }

    /** Writes the stages (a stage written before is written again: a run's rows can come twice, from itself and a catch-up). */
    public static void write(Connection c, String schema, List<RunHistory.Stage> stages) throws SQLException {
        String sql = "INSERT INTO " + PublishSql.ident(schema) + ".etl_runs (run_id, stage, command, scope, started_at, ended_at, "
                + "outcome, counts, api_calls, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) "
                + "ON CONFLICT (run_id, stage) DO UPDATE SET command = excluded.command, scope = excluded.scope, "
                + "started_at = excluded.started_at, ended_at = excluded.ended_at, outcome = excluded.outcome, "
                + "counts = excluded.counts, api_calls = excluded.api_calls, message = excluded.message";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (RunHistory.Stage s : stages) {
                p.setString(1, s.runId());
                p.setString(2, s.stage());
                p.setString(3, s.command());
                p.setString(4, s.scope());
                p.setTimestamp(5, Timestamp.from(s.startedAt()));
                p.setTimestamp(6, Timestamp.from(s.endedAt()));
                p.setString(7, s.outcome());
                p.setString(8, json(s.counts()));
                p.setString(9, json(s.apiCalls()));
                p.setString(10, s.message());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The end of the latest stage Postgres holds, or null when it holds none. */
    public static Instant latestEnd(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT max(ended_at) FROM " + PublishSql.ident(schema) + ".etl_runs");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }

    private static String json(Map<String, Long> values) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
