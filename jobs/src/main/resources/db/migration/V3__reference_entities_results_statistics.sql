-- Furlong serving schema, version 3: the other 16 ra_* tables of DATA-MODEL.md and STATISTICS.md, and the foreign keys from
-- runners to the entities they name. Entity tables carry their statistics columns from the start; those columns are published
-- from gold/entity_statistics with their own watermark row (e.g. 'ra_mst_jockeys#stats').

CREATE TABLE ra_mst_regions (
    code       text PRIMARY KEY,
    name       text,
    updated_at timestamptz NOT NULL
);

CREATE TABLE ra_mst_courses (
    id          text PRIMARY KEY,
    name        text,
    region_code text,
    region_name text,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE ra_mst_bookmakers (
    code       text PRIMARY KEY,
    name       text,
    type       text,
    is_active  boolean,
    api_names  text[],
    updated_at timestamptz NOT NULL
);

CREATE TABLE ra_mst_jockeys (
    id              text PRIMARY KEY,
    name            text,
    first_seen_date date,
    last_seen_date  date,
    updated_at      timestamptz NOT NULL,
    runs            integer,
    wins            integer,
    places          integer,
    win_pct         numeric(6, 2),
    place_pct       numeric(6, 2),
    runs_with_sp    integer,
    profit_loss_1u  numeric(12, 2),
    ae_index        numeric(8, 3),
    last_run_date   date,
    last_win_date   date,
    runs_14d        integer,
    wins_14d        integer,
    runs_30d        integer,
    wins_30d        integer,
    stats_as_of     date
);

CREATE TABLE ra_mst_trainers (
    id              text PRIMARY KEY,
    name            text,
    location        text,
    first_seen_date date,
    last_seen_date  date,
    updated_at      timestamptz NOT NULL,
    runs            integer,
    wins            integer,
    places          integer,
    win_pct         numeric(6, 2),
    place_pct       numeric(6, 2),
    runs_with_sp    integer,
    profit_loss_1u  numeric(12, 2),
    ae_index        numeric(8, 3),
    last_run_date   date,
    last_win_date   date,
    runs_14d        integer,
    wins_14d        integer,
    runs_30d        integer,
    wins_30d        integer,
    stats_as_of     date
);

CREATE TABLE ra_mst_owners (
    id              text PRIMARY KEY,
    name            text,
    first_seen_date date,
    last_seen_date  date,
    updated_at      timestamptz NOT NULL,
    runs            integer,
    wins            integer,
    places          integer,
    win_pct         numeric(6, 2),
    place_pct       numeric(6, 2),
    runs_with_sp    integer,
    profit_loss_1u  numeric(12, 2),
    ae_index        numeric(8, 3),
    last_run_date   date,
    last_win_date   date,
    runs_14d        integer,
    wins_14d        integer,
    runs_30d        integer,
    wins_30d        integer,
    horses          integer,
    stats_as_of     date
);

CREATE TABLE ra_mst_horses (
    id              text PRIMARY KEY,
    name            text,
    region          text,
    sex_code        text,
    sex             text,
    dob             date,
    colour          text,
    colour_code     text,
    breeder         text,
    sire_id         text,
    dam_id          text,
    damsire_id      text,
    first_seen_date date,
    last_seen_date  date,
    enriched_at     timestamptz,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX ra_mst_horses_sire_id_idx ON ra_mst_horses (sire_id);
CREATE INDEX ra_mst_horses_dam_id_idx ON ra_mst_horses (dam_id);

-- horse_id: the same animal as a horse (sir_N is hrs_N), set when that horse is known. Not a foreign key: a sire is published
-- with the entities, before the horses.
CREATE TABLE ra_mst_sires (
    id                  text PRIMARY KEY,
    name                text,
    region              text,
    horse_id            text,
    updated_at          timestamptz NOT NULL,
    progeny             integer,
    runs                integer,
    wins                integer,
    places              integer,
    win_pct             numeric(6, 2),
    runs_with_sp        integer,
    ae_index            numeric(8, 3),
    profit_loss_1u      numeric(12, 2),
    best_distance_group text,
    best_going_group    text,
    stats_as_of         date
);

CREATE TABLE ra_mst_dams (LIKE ra_mst_sires INCLUDING ALL);
CREATE TABLE ra_mst_damsires (LIKE ra_mst_sires INCLUDING ALL);

CREATE TABLE ra_horse_pedigree (
    horse_id       text PRIMARY KEY REFERENCES ra_mst_horses (id),
    sire_id        text,
    sire_name      text,
    sire_region    text,
    dam_id         text,
    dam_name       text,
    dam_region     text,
    damsire_id     text,
    damsire_name   text,
    damsire_region text,
    breeder        text,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE ra_race_results (
    race_id              text PRIMARY KEY REFERENCES ra_races (race_id),
    race_date            date NOT NULL,
    course_id            text,
    winner_horse_id      text,
    winner_sp_decimal    numeric(8, 2),
    starters             smallint,
    finishers            smallint,
    winning_time_text    text,
    winning_time_seconds numeric(8, 2),
    going                text,
    non_runners_text     text,
    comments             text,
    tote_win             text,
    tote_place           text,
    tote_exacta          text,
    tote_csf             text,
    tote_tricast         text,
    tote_trifecta        text,
    settled_at           timestamptz,
    updated_at           timestamptz NOT NULL
);

CREATE INDEX ra_race_results_race_date_idx ON ra_race_results (race_date);

-- Runners name their horse, jockey, trainer and owner; the entities are published first, so these hold at every commit.
-- NOT VALID: a database published by version 1 holds runners from before the entity tables existed; the next publish fills
-- the entities, and new and changed runners are checked from now on.
ALTER TABLE ra_runners ADD CONSTRAINT ra_runners_horse_id_fkey FOREIGN KEY (horse_id) REFERENCES ra_mst_horses (id) NOT VALID;
ALTER TABLE ra_runners ADD CONSTRAINT ra_runners_jockey_id_fkey FOREIGN KEY (jockey_id) REFERENCES ra_mst_jockeys (id) NOT VALID;
ALTER TABLE ra_runners ADD CONSTRAINT ra_runners_trainer_id_fkey FOREIGN KEY (trainer_id) REFERENCES ra_mst_trainers (id) NOT VALID;
ALTER TABLE ra_runners ADD CONSTRAINT ra_runners_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES ra_mst_owners (id) NOT VALID;
CREATE INDEX ra_runners_owner_id_idx ON ra_runners (owner_id);

-- Statistics (STATISTICS.md). profile is part of every key, so the daily and weekly profiles stand side by side.
CREATE TABLE ra_entity_combinations (
    profile        text NOT NULL,
    entity1_type   text NOT NULL,
    entity1_id     text NOT NULL,
    entity2_type   text NOT NULL,
    entity2_id     text NOT NULL,
    runs           integer NOT NULL,
    wins           integer NOT NULL,
    places         integer NOT NULL,
    win_pct        numeric(6, 2),
    place_pct      numeric(6, 2),
    runs_with_sp   integer NOT NULL,
    profit_loss_1u numeric(12, 2),
    ae_index       numeric(8, 3),
    first_date     date,
    last_date      date,
    calculated_at  timestamptz NOT NULL,
    PRIMARY KEY (profile, entity1_type, entity1_id, entity2_type, entity2_id)
);

CREATE INDEX ra_entity_combinations_entity2_idx ON ra_entity_combinations (entity2_type, entity2_id);

CREATE TABLE ra_performance_by_distance (
    profile           text NOT NULL,
    entity_type       text NOT NULL,
    entity_id         text NOT NULL,
    code              text NOT NULL,
    distance_band_f   integer NOT NULL,
    distance_group    text,
    runs              integer NOT NULL,
    wins              integer NOT NULL,
    places            integer NOT NULL,
    win_pct           numeric(6, 2),
    place_pct         numeric(6, 2),
    runs_with_sp      integer NOT NULL,
    profit_loss_1u    numeric(12, 2),
    ae_index          numeric(8, 3),
    best_time_seconds numeric(8, 2),
    avg_time_seconds  numeric(8, 2),
    going_breakdown   jsonb,
    calculated_at     timestamptz NOT NULL,
    PRIMARY KEY (profile, entity_type, entity_id, code, distance_band_f)
);

CREATE TABLE ra_performance_by_venue (
    profile        text NOT NULL,
    entity_type    text NOT NULL,
    entity_id      text NOT NULL,
    course_id      text NOT NULL,
    code           text NOT NULL,
    runs           integer NOT NULL,
    wins           integer NOT NULL,
    places         integer NOT NULL,
    win_pct        numeric(6, 2),
    place_pct      numeric(6, 2),
    runs_with_sp   integer NOT NULL,
    profit_loss_1u numeric(12, 2),
    ae_index       numeric(8, 3),
    last_run_date  date,
    calculated_at  timestamptz NOT NULL,
    PRIMARY KEY (profile, entity_type, entity_id, course_id, code)
);

CREATE INDEX ra_performance_by_venue_course_idx ON ra_performance_by_venue (course_id);

CREATE TABLE ra_runner_statistics (
    profile              text NOT NULL,
    race_id              text NOT NULL,
    horse_id             text NOT NULL,
    prior_runs           integer NOT NULL,
    prior_wins           integer NOT NULL,
    prior_places         integer NOT NULL,
    prior_win_pct        numeric(6, 2),
    prior_place_pct      numeric(6, 2),
    prior_prize_gbp      numeric(14, 2),
    prior_prize_eur      numeric(14, 2),
    days_since_last_run  integer,
    last_position_code   text,
    last_3_positions     text,
    prior_runs_365d      integer,
    prior_wins_365d      integer,
    course_runs          integer,
    course_wins          integer,
    distance_runs        integer,
    distance_wins        integer,
    course_distance_wins integer,
    going_runs           integer,
    going_wins           integer,
    code_runs            integer,
    code_wins            integer,
    jockey_horse_runs    integer,
    jockey_horse_wins    integer,
    trainer_runs_14d     integer,
    trainer_wins_14d     integer,
    jockey_runs_14d      integer,
    jockey_wins_14d      integer,
    best_race_rpr_prior  smallint,
    avg_sp_decimal_prior numeric(8, 2),
    calculated_at        timestamptz NOT NULL,
    PRIMARY KEY (profile, race_id, horse_id)
);

CREATE INDEX ra_runner_statistics_race_id_idx ON ra_runner_statistics (race_id);
CREATE INDEX ra_runner_statistics_horse_id_idx ON ra_runner_statistics (horse_id);
