"""The DAG tests run against the real Airflow, in a throwaway AIRFLOW_HOME, with the DAG folder importable as the scheduler has it."""

import os
import pathlib
import sys
import tempfile

DAGS = pathlib.Path(__file__).resolve().parents[1]
REPO = DAGS.parent

os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="furlong-airflow-"))
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
# The Variables the DAGs read, from the environment (Airflow's first secrets backend): the repository's own configuration.
os.environ["AIRFLOW_VAR_FURLONG_CONF"] = str(REPO / "conf" / "furlong.conf")
os.environ["AIRFLOW_VAR_FURLONG_JAR"] = "/opt/furlong/furlong-cluster.jar"
sys.path.insert(0, str(DAGS))
