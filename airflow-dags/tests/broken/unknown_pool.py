"""Broken on purpose: a pool that pools.json does not create (racing-api for racing_api)."""
from airflow.sdk import DAG
from airflow.timetables.trigger import CronTriggerTimetable

from furlong_dags import DAG_ARGS, LONDON, furlong_task

with DAG(dag_id="broken_unknown_pool", schedule=CronTriggerTimetable("0 6 * * *", timezone=LONDON), catchup=False, **DAG_ARGS):
    task = furlong_task("sync", ["sync", "--scope", "transactions"])
    task.pool = "racing-api"
