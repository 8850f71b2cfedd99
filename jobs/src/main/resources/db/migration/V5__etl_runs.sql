-- Furlong serving schema, version 5: the run history. A row per stage of every run (stage 'run' sums up the whole run): what
-- ran, when, for how long, with what outcome, the rows it counted and the API calls it made per endpoint. The lake keeps the
-- same rows (meta/etl_runs); a command that does not publish leaves its rows there for the next publish to bring across.
CREATE TABLE etl_runs (
    run_id     text        NOT NULL,
    stage      text        NOT NULL,
    command    text        NOT NULL,
    scope      text,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    outcome    text        NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    counts     jsonb       NOT NULL DEFAULT '{}',
    api_calls  jsonb       NOT NULL DEFAULT '{}',
    message    text,
    PRIMARY KEY (run_id, stage)
);

CREATE INDEX etl_runs_started_at ON etl_runs (started_at);
