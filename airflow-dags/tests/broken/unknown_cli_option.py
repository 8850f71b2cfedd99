"""Broken on purpose: an option the furlong CLI does not have (--scopes for --scope)."""
from airflow.sdk import DAG
from airflow.timetables.trigger import CronTriggerTimetable

from furlong_dags import DAG_ARGS, LONDON, furlong_task

with DAG(dag_id="broken_unknown_cli_option", schedule=CronTriggerTimetable("0 6 * * *", timezone=LONDON), catchup=False,
         **DAG_ARGS):
    furlong_task("sync", ["sync", "--scopes", "transactions"])
