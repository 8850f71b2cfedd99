"""Broken on purpose: a template naming logical_dat, which Airflow's context does not have."""
from airflow.sdk import DAG
from airflow.timetables.trigger import CronTriggerTimetable

from furlong_dags import DAG_ARGS, LONDON, furlong_task

with DAG(dag_id="broken_template_typo", schedule=CronTriggerTimetable("0 6 * * *", timezone=LONDON), catchup=False, **DAG_ARGS):
    furlong_task("stats", ["stats", "--as-of", "{{ logical_dat | ds }}"])
