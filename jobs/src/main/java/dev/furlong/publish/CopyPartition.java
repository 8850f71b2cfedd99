package dev.furlong.publish;

import java.io.IOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.apache.spark.util.LongAccumulator;

/** Streams one Spark partition into a staging table with COPY, on its own connection (runs on executors). */
final class CopyPartition implements ForeachPartitionFunction<Row> {

    private final PgTarget target;
    private final String copySql;
    private final LongAccumulator copied;

    /** @param copied counts the rows copied (Spark adds a task's count once, when the task succeeds) */
    CopyPartition(PgTarget target, String copySql, LongAccumulator copied) {
        this.target = target;
        this.copySql = copySql;
        this.copied = copied;
    }

    /**
     * Streams the rows through one COPY on the connection and returns how many went. On a failure the COPY is cancelled, not
     * ended: ending it would keep the rows sent so far, cancelling keeps none.
     */
    static long copy(Connection c, String copySql, Iterator<Row> rows) throws SQLException, IOException {
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), copySql, 1 << 16);
        try {
            Writer out = new OutputStreamWriter(copy, StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder(512);
            long n = 0;
            while (rows.hasNext()) {
                n++;
                line.setLength(0);
                CopyRowEncoder.encode(rows.next(), line);
                out.append(line);
            }
            out.close(); // ends the COPY: the rows land together
            return n;
        } catch (IOException | RuntimeException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
    }

    @Override
    public void call(Iterator<Row> rows) throws Exception {
        if (!rows.hasNext()) {
            return;
        }
        try (Connection c = target.connect()) {
            copied.add(copy(c, copySql, rows));
        } catch (IOException | RuntimeException e) {
            throw new IOException("COPY into staging failed: " + e.getMessage(), e);
        }
    }
}
