package dev.furlong.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class CopyRowEncoderTest {

    @Test
    void encodesEachTypeInCopyTextFormat() {
        StringBuilder out = new StringBuilder();
        CopyRowEncoder.encode(RowFactory.create("a\tb\\c\nd", null, true, 42, 9.5, new BigDecimal("4187.20"),
                LocalDate.of(2025, 10, 13), Instant.parse("2025-10-13T19:10:00Z")), out);
        assertEquals("a\\tb\\\\c\\nd\t\\N\tt\t42\t9.5\t4187.20\t2025-10-13\t2025-10-13T19:10:00Z\n", out.toString());
    }

    @Test
    void encodesTextArraysAsArrayLiterals() {
        StringBuilder out = new StringBuilder();
        var names = scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList("Bet Victor", "say \"hi\"", null, "a\\b"))
                .toSeq();
        CopyRowEncoder.encode(RowFactory.create(names), out);
        // {"Bet Victor","say \"hi\"",NULL,"a\\b"} as an array literal, then COPY doubles each backslash
        assertEquals("{\"Bet Victor\",\"say \\\\\"hi\\\\\"\",NULL,\"a\\\\\\\\b\"}\n", out.toString());
    }
}
