"""What Furlong's DAGs share: every task is one `furlong <command>` run by spark-submit from the cluster jar.

The DAG files are wiring only: nothing here runs at import time but the building of operators. Where things are comes from
Airflow Variables and the Spark connection, read when a task renders, with these defaults:

- Variable ``furlong_jar``: the cluster jar (``/opt/furlong/furlong-cluster.jar``);
- Variable ``furlong_conf``: Furlong's configuration file on the driver (``/opt/furlong/conf/furlong.conf``);
- Connection ``furlong_spark``: the Spark master (``spark://host:7077``, ``yarn``, ``local[*]``...).

Credentials never pass through Airflow: the driver's environment carries RACING_API_USERNAME / RACING_API_PASSWORD (or
RACING_API_CREDENTIALS_FILE) and PG_USER / PG_PASSWORD.
"""

from datetime import timedelta

import jinja2
import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from furlong_dags.schedule import ZONE

LONDON = pendulum.timezone(ZONE)
#: The DAGs' start: fixed, so a DAG's first run never depends on when it was deployed.
START = pendulum.datetime(2026, 1, 1, tz=LONDON)
#: Every task that calls The Racing API runs in this pool of one slot: two fetches never share the API's rate limit.
API_POOL = "racing_api"
SPARK_CONNECTION = "furlong_spark"
MAIN_CLASS = "dev.furlong.cli.Furlong"
DEFAULT_JAR = "/opt/furlong/furlong-cluster.jar"
DEFAULT_CONF = "/opt/furlong/conf/furlong.conf"
JAR = "{{ var.value.get('furlong_jar', '%s') }}" % DEFAULT_JAR
CONF = "{{ var.value.get('furlong_conf', '%s') }}" % DEFAULT_CONF
#: The run's own time in London, as --now: a retry or a re-run of a run repeats what that run did.
NOW = "{{ logical_date.in_timezone('Europe/London').strftime('%Y-%m-%dT%H:%M') }}"

#: Every task is idempotent, so a failure is retried, waiting longer each time.
DEFAULT_ARGS = {
    "owner": "furlong",
    "retries": 3,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
}

#: What every DAG sets the same way. Templates fail on an unknown name instead of rendering it empty.
DAG_ARGS = {
    "start_date": START,
    "default_args": DEFAULT_ARGS,
    "template_undefined": jinja2.StrictUndefined,
    "tags": ["furlong"],
}


def calls_api(args):
    """Whether `furlong <args>` calls The Racing API: fetching commands and every sync scope but people."""
    if args[0] in ("fetch", "backfill"):
        return True
    scope = args[args.index("--scope") + 1] if "--scope" in args else None
    return args[0] == "sync" and scope != "people"


def furlong_task(task_id, args, **kwargs):
    """`furlong <args> --conf <conf> --now <the run's time>` as a spark-submit of the cluster jar."""
    return SparkSubmitOperator(
        task_id=task_id,
        application=JAR,
        java_class=MAIN_CLASS,
        conn_id=SPARK_CONNECTION,
        name=f"furlong-{task_id}",
        application_args=[*args, "--conf", CONF, "--now", NOW],
        pool=API_POOL if calls_api(args) else "default_pool",
        **kwargs,
    )
