package dev.furlong.publish;

import java.io.IOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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

    @Override
    public void call(Iterator<Row> rows) throws Exception {
        if (!rows.hasNext()) {
            return;
        }
        try (Connection c = target.connect()) {
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
                out.close(); // ends the COPY: the partition's rows land together
                copied.add(n);
            } catch (IOException | RuntimeException e) {
                // Closing would end the COPY and keep half a partition; cancelling keeps nothing, so a retried task starts clean.
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw new IOException("COPY into staging failed: " + e.getMessage(), e);
            }
        }
    }
}
