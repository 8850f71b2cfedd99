"""Broken on purpose: java_clas for java_class."""
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG
from airflow.timetables.trigger import CronTriggerTimetable

from furlong_dags import CONF, DAG_ARGS, JAR, LONDON

with DAG(dag_id="broken_unknown_operator_argument", schedule=CronTriggerTimetable("0 6 * * *", timezone=LONDON), catchup=False,
         **DAG_ARGS):
    SparkSubmitOperator(task_id="sync", application=JAR, java_clas="dev.furlong.cli.Furlong", conn_id="furlong_spark",
                        application_args=["sync", "--scope", "transactions", "--conf", CONF])
