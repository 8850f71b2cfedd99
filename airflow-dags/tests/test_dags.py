"""Furlong's DAGs, checked with the real Airflow and the real CLI: what the scheduler would load, when it would run each
DAG, and what each task would run."""

import json
import pathlib
import subprocess

import pendulum
import pytest
from airflow.timetables.base import TimeRestriction
from airflow.timetables.trigger import CronTriggerTimetable

import checks
from furlong_dags.schedule import RUNS, ZONE

BROKEN = pathlib.Path(__file__).resolve().parent / "broken"


@pytest.fixture(scope="module")
def bag():
    return checks.dag_bag(checks.DAGS)


def test_every_run_of_the_schedule_is_a_dag_and_the_backfill_is_one_more(bag):
    assert sorted(bag.dag_ids) == [
        "furlong_backfill", "furlong_maintain", "furlong_statistics", "furlong_statistics_weekly", "furlong_sync_amendments",
        "furlong_sync_horses", "furlong_sync_live", "furlong_sync_people", "furlong_sync_static", "furlong_sync_transactions"]


def test_each_scheduled_dag_runs_its_command_at_its_cron_time_in_london(bag):
    for run in RUNS:
        dag = bag.dags["furlong_" + ("sync_" if run["args"][0] == "sync" else "") + run["name"].replace("-", "_")]
        assert isinstance(dag.timetable, CronTriggerTimetable)
        assert dag.timetable.summary == run["cron"]
        assert str(dag.timetable._timezone.name) == ZONE == "Europe/London"
        assert dag.catchup is False and dag.max_active_runs == 1
        assert dag.start_date == pendulum.datetime(2026, 1, 1, tz="Europe/London")
        [task] = dag.tasks
        assert task.task_type == "SparkSubmitOperator"
        assert task._java_class == "dev.furlong.cli.Furlong"
        assert task.retries == 3 and task.retry_exponential_backoff
        args = checks.rendered_args(dag, pendulum.datetime(2026, 6, 1, 12, tz="UTC"))[task.task_id]
        assert args[:len(run["args"])] == run["args"]
        assert args[len(run["args"]):] == ["--conf", str(checks.REPO / "conf" / "furlong.conf"), "--now", "2026-06-01T13:00"]


def fire_times(dag, after, n):
    """The next n times the scheduler would start the DAG after `after`, in London time."""
    out, interval = [], None
    for _ in range(n):
        info = dag.timetable.next_dagrun_info(
            last_automated_data_interval=interval,
            restriction=TimeRestriction(earliest=after if interval is None else None, latest=None, catchup=True))
        interval = info.data_interval
        out.append(info.logical_date.in_timezone("Europe/London").strftime("%a %d %H:%M"))
    return out


def test_the_schedules_keep_london_time_across_the_change_to_summer_time(bag):
    # Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    saturday = pendulum.datetime(2026, 3, 28, 20, tz="UTC")
    assert fire_times(bag.dags["furlong_sync_transactions"], saturday, 6) == [
        "Sat 28 22:00", "Sun 29 06:00", "Sun 29 10:00", "Sun 29 14:00", "Sun 29 18:00", "Sun 29 22:00"]
    assert fire_times(bag.dags["furlong_statistics"], saturday, 2) == ["Sun 29 02:30", "Mon 30 02:30"]
    assert fire_times(bag.dags["furlong_sync_live"], pendulum.datetime(2026, 3, 29, 20, 35, tz="UTC"), 3) == [
        "Sun 29 21:45", "Mon 30 11:00", "Mon 30 11:15"]
    first = bag.dags["furlong_sync_transactions"].timetable.next_dagrun_info(
        last_automated_data_interval=None, restriction=TimeRestriction(earliest=saturday, latest=None, catchup=True))
    assert first.logical_date.hour == 22 and first.logical_date.timezone_name == "UTC", "22:00 GMT is 22:00 UTC"
    assert fire_times(bag.dags["furlong_sync_static"], saturday, 2) == ["Wed 01 13:00", "Fri 01 13:00"], "the 1st, not a weekday"


def test_every_task_that_calls_the_api_is_in_the_racing_api_pool_of_one_slot(bag):
    assert json.loads((checks.DAGS / "pools.json").read_text())["racing_api"]["slots"] == 1
    for dag in bag.dags.values():
        checks.pools_known(dag)
    pooled = {(d.dag_id, t.task_id) for d in bag.dags.values() for t in d.tasks if t.pool == "racing_api"}
    assert pooled == {("furlong_backfill", "fetch")} | {
        (f"furlong_sync_{s}", "sync") for s in ("transactions", "live", "horses", "static", "amendments")}


def test_the_backfill_fetches_a_year_at_a_time_newest_first_then_transforms_computes_publishes_and_validates(bag):
    dag = bag.dags["furlong_backfill"]
    assert type(dag.timetable).__name__ == "NullTimetable" and dag.catchup is False and dag.max_active_runs == 1
    assert dag.params["from"] == "2015-01-01" and dag.params["to"] == ""
    chain = ["years", "fetch", "transform", "stats", "publish", "validate"]
    for upstream, downstream in zip(chain, chain[1:]):
        assert dag.get_task(downstream).upstream_task_ids == {upstream}
    years = dag.get_task("years").python_callable
    fetches = years(params={"from": "2024-06-01", "to": ""}, logical_date=pendulum.datetime(2026, 3, 29, 5, tz="UTC"))
    assert [a[:5] for a in fetches] == [
        ["fetch", "--from", "2026-01-01", "--to", "2026-03-29"],
        ["fetch", "--from", "2025-01-01", "--to", "2025-12-31"],
        ["fetch", "--from", "2024-06-01", "--to", "2024-12-31"]]
    assert len(years(params={"from": "2015-01-01", "to": "2026-12-05"}, logical_date=pendulum.now())) == 12
    with pytest.raises(ValueError):
        years(params={"from": "2026-02-01", "to": "2026-01-01"}, logical_date=pendulum.now())


def test_the_java_cli_accepts_every_task_s_arguments(bag):
    when = pendulum.datetime(2026, 3, 29, 5, tz="UTC")
    command_lines = [args for dag in bag.dags.values() for args in checks.rendered_args(dag, when).values()]
    years = bag.dags["furlong_backfill"].get_task("years").python_callable
    command_lines += years(params={"from": "2025-12-01", "to": "2026-01-31"}, logical_date=when)
    assert len(command_lines) == 9 + 4 + 2
    for args in command_lines:
        checks.furlong_accepts(args)


# Each broken copy of a DAG fails the check meant to catch its mistake.

def test_an_unknown_cli_option_is_refused_by_the_cli():
    dag = checks.dag_bag(BROKEN / "unknown_cli_option.py").dags["broken_unknown_cli_option"]
    [args] = checks.rendered_args(dag, pendulum.datetime(2026, 3, 29, 5, tz="UTC")).values()
    with pytest.raises(AssertionError, match="exit 2"):
        checks.furlong_accepts(args)


def test_a_template_typo_fails_to_render():
    dag = checks.dag_bag(BROKEN / "template_typo.py").dags["broken_template_typo"]
    with pytest.raises(Exception, match="logical_dat"):
        checks.rendered_args(dag, pendulum.datetime(2026, 3, 29, 5, tz="UTC"))


def test_an_invalid_cron_is_an_import_error():
    with pytest.raises(AssertionError, match="25"):
        checks.dag_bag(BROKEN / "invalid_cron.py")


def test_an_unknown_operator_argument_is_an_import_error():
    with pytest.raises(AssertionError, match="java_clas"):
        checks.dag_bag(BROKEN / "unknown_operator_argument.py")


def test_a_pool_missing_from_the_pools_file_is_refused():
    with pytest.raises(AssertionError, match="racing-api"):
        checks.dag_bag(BROKEN / "unknown_pool.py")


def test_the_readme_s_schedule_table_names_each_dag_with_its_cron(bag):
    readme = (checks.REPO / "README.md").read_text()
    # The schedule table's rows: run, cron, command, DAG.
    rows = [cells for line in readme.splitlines() if line.startswith("| `")
            and len(cells := line.split("|")[1:-1]) == 4 and cells[3].strip().startswith("`furlong_")]
    table = {dag.strip(" `"): cron.strip(" `") for _, cron, _, dag in rows}
    assert table == {dag_id: dag.timetable.summary for dag_id, dag in bag.dags.items() if dag_id != "furlong_backfill"}
