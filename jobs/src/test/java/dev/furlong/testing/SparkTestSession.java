package dev.furlong.testing;

import dev.furlong.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/** One SparkSession for the whole test JVM: starting Spark costs seconds, so every test class shares it. */
public final class SparkTestSession {

    private static SparkSession spark;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSessions.create("local[2]", 2);
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }
}
