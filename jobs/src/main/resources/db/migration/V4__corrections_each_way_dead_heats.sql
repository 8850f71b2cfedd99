-- Furlong serving schema, version 4: what the API says about favourites, non-runners, each-way places and dead heats
-- (DATA-MODEL.md, STATISTICS.md). Statistics columns added here are null on rows computed before it until `furlong stats` runs.

-- 'F' sole, 'J' joint, 'C' co-favourite (the SP's marker), null when not favourite.
ALTER TABLE ra_runners ADD COLUMN favourite_kind text;
-- Placed within the each-way terms of its race; null without a result for the runner.
ALTER TABLE ra_runners ADD COLUMN placed_ew boolean;
-- The reason the result gives beside the horse's name in its non-runners ("unsuitable ground").
ALTER TABLE ra_runners ADD COLUMN non_runner_reason text;

-- Every horse placed first, by saddle-cloth number: a dead heat loses no winner.
ALTER TABLE ra_race_results ADD COLUMN winner_horse_ids text[];
ALTER TABLE ra_race_results ADD COLUMN is_dead_heat boolean NOT NULL DEFAULT false;

ALTER TABLE ra_mst_jockeys ADD COLUMN ew_places integer;
ALTER TABLE ra_mst_trainers ADD COLUMN ew_places integer;
ALTER TABLE ra_mst_owners ADD COLUMN ew_places integer;
ALTER TABLE ra_mst_sires ADD COLUMN ew_places integer;
ALTER TABLE ra_mst_dams ADD COLUMN ew_places integer;
ALTER TABLE ra_mst_damsires ADD COLUMN ew_places integer;
ALTER TABLE ra_entity_combinations ADD COLUMN ew_places integer;
ALTER TABLE ra_performance_by_distance ADD COLUMN ew_places integer;
ALTER TABLE ra_performance_by_venue ADD COLUMN ew_places integer;
ALTER TABLE ra_runner_statistics ADD COLUMN prior_ew_places integer;
