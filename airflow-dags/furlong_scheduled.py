"""One DAG per run of Furlong's schedule (conf/schedule.conf, through furlong_dags/schedule.py), in Europe/London time.

furlong_sync_transactions, furlong_sync_live, furlong_sync_horses, furlong_sync_people, furlong_sync_static,
furlong_sync_amendments, furlong_statistics, furlong_statistics_weekly and furlong_maintain: each one task, the furlong
command its run names. A run fires at its cron time (CronTriggerTimetable: the logical date is that time, passed as --now);
missed runs are not caught up, since each sync reads its whole window again; one run of a DAG at a time.
"""

from airflow.sdk import DAG
from airflow.timetables.trigger import CronTriggerTimetable

from furlong_dags import DAG_ARGS, LONDON, furlong_task
from furlong_dags.schedule import RUNS


def dag_id(run):
    """furlong_sync_<scope> for the syncs, furlong_<run> for the rest."""
    name = run["name"].replace("-", "_")
    return f"furlong_sync_{name}" if run["args"][0] == "sync" else f"furlong_{name}"


for run in RUNS:
    with DAG(
        dag_id=dag_id(run),
        description="furlong " + " ".join(run["args"]),
        schedule=CronTriggerTimetable(run["cron"], timezone=LONDON),
        catchup=False,
        max_active_runs=1,
        **DAG_ARGS,
    ) as dag:
        furlong_task(run["args"][0], run["args"])
    globals()[dag.dag_id] = dag
