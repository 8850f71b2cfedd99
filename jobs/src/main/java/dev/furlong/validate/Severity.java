package dev.furlong.validate;

/** How much a failed check matters: {@code --fail-on} picks the level that sets the exit code. */
public enum Severity {
    /** The data is wrong or missing. */
    ERROR,
    /** The data is thin or late, or a backlog is waiting. */
    WARN,
    /** A figure worth seeing that nothing is judged by. */
    INFO
}
