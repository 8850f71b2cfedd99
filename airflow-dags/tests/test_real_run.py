"""One real run: furlong_sync_transactions through Airflow's dag.test(), its task a real spark-submit (PySpark's
distribution, local[2]) of the cluster jar, against the sandbox and a Postgres; then validate passes on what it published."""

import json
import os
import re
import socket
import subprocess
import time

import pendulum
import pytest

import checks

LAUNCHER = str(checks.REPO / "furlong")
#: 22:00 in London on the day the clocks went forward: the evening transactions run, every race of the day finished.
RUN = pendulum.datetime(2026, 3, 29, 21, 0, tz="UTC")
NOW = "2026-03-29T22:00"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args, ready, log):
    """Starts a long-running furlong command and waits for the line that says it is up; returns the process and that line."""
    process = subprocess.Popen([LAUNCHER, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=log.parent)
    deadline = time.time() + 300
    with log.open("w") as out:
        for line in process.stdout:
            out.write(line)
            if re.search(ready, line):
                return process, line
            assert time.time() < deadline and process.poll() is None, log.read_text()
    raise AssertionError(f"{args[0]} stopped: {log.read_text()}")


def cluster_jar():
    jars = sorted(checks.REPO.glob("jobs/target/jobs-*-cluster.jar"))
    assert jars, "build the cluster jar first (.ci/cluster-jar)"
    return str(jars[-1])


@pytest.fixture
def world(tmp_path):
    """The sandbox at the run's time and an embedded Postgres, each a furlong command of the local jar."""
    port = free_port()
    sandbox, _ = start(["sandbox", "--port", str(port), "--now", NOW, "--no-rate-limits"], r"Ctrl-C", tmp_path / "sandbox.log")
    base = tmp_path / "base.conf"
    base.write_text(f'include file("{checks.REPO / "conf" / "furlong.conf"}")\n'
                    f'furlong.postgres.embedded-data-dir = "{tmp_path / "pg"}"\n')
    database, line = start(["db", "serve", "--conf", str(base)], r"Postgres is up: ", tmp_path / "postgres.log")
    url = line.split("Postgres is up: ")[1].strip()
    # The embedded Postgres takes its password from the .pgpass file beside its data folder (*:*:*:postgres:PASSWORD).
    password = (tmp_path / "pg.pgpass").read_text().strip().split(":", 4)[4]
    conf = tmp_path / "furlong.conf"
    conf.write_text(f'include file("{base}")\n'
                    f'furlong.api.url = "http://127.0.0.1:{port}"\n'
                    f'furlong.lake = "{tmp_path / "lake"}"\n'
                    f'furlong.postgres.url = "{url}"\n'
                    'furlong.spark.shuffle-partitions = 4\n')
    yield conf, password
    for process in (sandbox, database):
        process.terminate()
        process.wait(timeout=60)


def test_the_transactions_dag_runs_for_real_and_what_it_publishes_validates(world, tmp_path, monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_FURLONG_SPARK", json.dumps({"conn_type": "spark", "host": "local[2]"}))
    monkeypatch.setenv("AIRFLOW_VAR_FURLONG_JAR", cluster_jar())
    conf, pg_password = world
    monkeypatch.setenv("AIRFLOW_VAR_FURLONG_CONF", str(conf))
    for name, value in {"RACING_API_USERNAME": "sandbox", "RACING_API_PASSWORD": "sandbox", "PG_USER": "postgres",
                        "PG_PASSWORD": pg_password}.items():
        monkeypatch.setenv(name, value)
    # spark-submit is PySpark's, beside this Python.
    monkeypatch.setenv("PATH", os.path.dirname(os.sys.executable) + os.pathsep + os.environ["PATH"])
    subprocess.run([os.path.join(os.path.dirname(os.sys.executable), "airflow"), "db", "migrate"], check=True,
                   capture_output=True, timeout=300)

    dag = checks.dag_bag(checks.DAGS).dags["furlong_sync_transactions"]
    started = time.time()
    run = dag.test(logical_date=RUN)
    print(f"dag.test() of furlong_sync_transactions: {time.time() - started:.0f} s")
    assert run.state == "success", run

    validate = subprocess.run([LAUNCHER, "validate", "--conf", str(conf), "--now", NOW, "--fail-on", "error", "--json",
                               str(tmp_path / "validation.json")], capture_output=True, text=True, cwd=tmp_path, timeout=600,
                              env={**os.environ, "PG_USER": "postgres", "PG_PASSWORD": pg_password})
    print(validate.stdout)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    found = {c["name"]: c for c in json.loads((tmp_path / "validation.json").read_text())["checks"]}
    assert found["rows.ra_runners"]["value"] > 1000, found["rows.ra_runners"]
    assert found["freshness.results"]["passed"], found["freshness.results"]
