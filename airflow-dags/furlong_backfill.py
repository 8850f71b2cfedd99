"""furlong_backfill: everything from `from` to `to`, triggered by hand.

One fetch per year, newest year first, in the racing_api pool (one at a time), then one transform, the statistics, one
publish and `validate --fail-on error`, which fails the run when the data is wrong. Each fetch skips what bronze already
holds, so a failed run is simply triggered again.
"""

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG, Param, Variable, task

from furlong_dags import API_POOL, DAG_ARGS, DEFAULT_CONF, JAR, LONDON, MAIN_CLASS, SPARK_CONNECTION, furlong_task

with DAG(
    dag_id="furlong_backfill",
    description="fetch by year, newest first, then transform, stats, publish and validate",
    schedule=None,
    catchup=False,
    max_active_runs=1,
    params={
        "from": Param("2015-01-01", type="string", format="date", description="first race date"),
        "to": Param("", type="string", description="last race date (YYYY-MM-DD); empty: today"),
    },
    **DAG_ARGS,
) as dag:

    @task
    def years(params=None, logical_date=None):
        """[from, to] cut into calendar years, newest first: each year's complete fetch arguments."""
        now = logical_date.in_timezone(LONDON)
        first = pendulum.parse(params["from"]).date()
        last = pendulum.parse(params["to"]).date() if params["to"] else now.date()
        if last < first:
            raise ValueError(f"to ({last}) is before from ({first})")
        conf = Variable.get("furlong_conf", default=DEFAULT_CONF)
        return [
            ["fetch", "--from", str(max(first, pendulum.date(y, 1, 1))), "--to", str(min(last, pendulum.date(y, 12, 31))),
             "--conf", conf, "--now", now.strftime("%Y-%m-%dT%H:%M")]
            for y in range(last.year, first.year - 1, -1)
        ]

    fetch = SparkSubmitOperator.partial(
        task_id="fetch",
        application=JAR,
        java_class=MAIN_CLASS,
        conn_id=SPARK_CONNECTION,
        name="furlong-fetch",
        pool=API_POOL,
    ).expand(application_args=years())

    fetch >> furlong_task("transform", ["transform"]) >> furlong_task("stats", ["stats", "--profile", "standard"]) \
        >> furlong_task("publish", ["publish"]) >> furlong_task("validate", ["validate", "--fail-on", "error"])
