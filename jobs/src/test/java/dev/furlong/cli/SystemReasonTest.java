package dev.furlong.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A failure's one line names the operating system's reason, however deep Spark buried it. */
class SystemReasonTest {

    @Test
    void theDeepestInputOutputReasonIsAddedWhenTheMessageDoesNotSayIt() {
        Exception sparkWrite = new IllegalStateException("[TASK_WRITE_FAILED] Task failed while writing rows to file:/lake/silver/runners",
                new RuntimeException("Task failed", new IOException("No space left on device")));
        assertEquals(": No space left on device", Furlong.systemReason(sparkWrite, sparkWrite.getMessage()));
    }

    @Test
    void nothingIsAddedWhenTheMessageAlreadySaysItOrThereIsNone() {
        Exception said = new IllegalStateException("cannot write: No space left on device", new IOException("No space left on device"));
        assertEquals("", Furlong.systemReason(said, said.getMessage()));
        Exception none = new IllegalStateException("the first call failed");
        assertEquals("", Furlong.systemReason(none, none.getMessage()));
    }
}
