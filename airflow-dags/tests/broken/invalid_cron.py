"""Broken on purpose: an hour of 25."""
from airflow.sdk import DAG
from airflow.timetables.trigger import CronTriggerTimetable

from furlong_dags import DAG_ARGS, LONDON, furlong_task

with DAG(dag_id="broken_invalid_cron", schedule=CronTriggerTimetable("0 25 * * *", timezone=LONDON), catchup=False, **DAG_ARGS):
    furlong_task("sync", ["sync", "--scope", "transactions"])
