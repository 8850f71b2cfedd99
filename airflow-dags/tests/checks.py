"""The checks every DAG file must pass, as functions, so the broken copies in tests/broken/ can be shown to fail them."""

import glob
import json
import os
import pathlib
import subprocess

import pendulum
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk.execution_time.context import VariableAccessor

DAGS = pathlib.Path(__file__).resolve().parents[1]
REPO = DAGS.parent
POOLS = set(json.loads((DAGS / "pools.json").read_text())) | {"default_pool"}


def dag_bag(folder):
    """The DAGs of a folder or file, as the scheduler's parser loads them; import errors fail."""
    bag = DagBag(dag_folder=str(folder), known_pools=POOLS)
    assert bag.import_errors == {}, bag.import_errors
    assert bag.captured_warnings == {}, bag.captured_warnings
    for dag in bag.dags.values():
        pools_known(dag)
    return bag


def context(dag, logical_date):
    """A run's template context: what the DAGs use of Airflow's."""
    return {
        "dag": dag,
        "logical_date": logical_date,
        "ds": logical_date.to_date_string(),
        "params": {name: param.value for name, param in dag.params.items()},
        "var": {"value": VariableAccessor(deserialize_json=False), "json": VariableAccessor(deserialize_json=True)},
    }


def rendered_args(dag, logical_date):
    """Each unmapped spark-submit task's application_args, rendered with the DAG's template environment (StrictUndefined)."""
    out = {}
    for task in dag.tasks:
        if task.task_type == "SparkSubmitOperator" and not getattr(task, "is_mapped", False):
            task = task.prepare_for_execution() if hasattr(task, "prepare_for_execution") else task
            task.render_template_fields(context(dag, logical_date))
            out[task.task_id] = list(task.application_args)
    return out


def pools_known(dag):
    """Every task's pool is in the committed pools file (airflow pools import airflow-dags/pools.json)."""
    unknown = {t.task_id: t.pool for t in dag.tasks if t.pool not in POOLS}
    assert unknown == {}, f"{dag.dag_id}: pools not in pools.json: {unknown}"


def cli_jar():
    jars = sorted(glob.glob(str(REPO / "local" / "target" / "local-*-all.jar")))
    assert jars, "build the local jar first (./furlong --help builds it)"
    return jars[-1]


def furlong_accepts(args):
    """The Java CLI's verdict on a command line (--check-args: no credentials, Spark or database)."""
    result = subprocess.run(["java", "-cp", cli_jar(), "dev.furlong.cli.Furlong", *args, "--check-args"],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, f"furlong {' '.join(args)}: exit {result.returncode}: {result.stderr.strip()}"


LONDON = pendulum.timezone("Europe/London")
