"""What every Furlong notebook starts from: a Spark session that reads the lake's Delta tables, the lake's paths, the
published Postgres, and where plots go. Where things are comes from the environment, with the demo's folders as defaults:

- FURLONG_LAKE: the lake root. Default: furlong-data/lake under FURLONG_DATA_DIR (default: the repository) when it exists
  (notebooks/example-lake makes one), else the demo's furlong-data/demo/lake;
- FURLONG_PG_URL, PG_USER, PG_PASSWORD (or PGPASSFILE), FURLONG_PG_SCHEMA: the published database, as a JDBC URL the way
  Furlong takes it. notebooks/open serves the embedded Postgres beside the lake and sets the URL and PGPASSFILE;
- FURLONG_CLUSTER_JAR: the cluster jar that brings Delta to PySpark (default jobs/target/jobs-*-cluster.jar);
- FURLONG_TODAY: the day the notebooks call today (default: today in Europe/London);
- FURLONG_NOTEBOOK_PLOTS: where the notebooks save their plots as PNG (default build/notebook-plots).
"""

import datetime
import glob
import os
import pathlib
import urllib.parse
import warnings
import zoneinfo

# PySpark warns about pandas 3 on every conversion; the conversions the notebooks make are tested with it.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)

REPO = pathlib.Path(__file__).resolve().parents[1]
DATA = pathlib.Path(os.environ.get("FURLONG_DATA_DIR", REPO))


def lake_root():
    given = os.environ.get("FURLONG_LAKE")
    if given:
        return given
    lake = DATA / "furlong-data" / "lake"
    return str(lake if lake.is_dir() else DATA / "furlong-data" / "demo" / "lake")


def table(layer, name):
    """A lake table's path: table("silver", "runners")."""
    return f"{lake_root()}/{layer}/{name}"


def today():
    given = os.environ.get("FURLONG_TODAY")
    if given:
        return datetime.date.fromisoformat(given)
    return datetime.datetime.now(zoneinfo.ZoneInfo("Europe/London")).date()


def plot_path(name):
    """Where a notebook saves its plot: plot_path("01-tour-of-the-lake") is build/notebook-plots/01-tour-of-the-lake.png."""
    folder = pathlib.Path(os.environ.get("FURLONG_NOTEBOOK_PLOTS", REPO / "build" / "notebook-plots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"


def cluster_jar():
    given = os.environ.get("FURLONG_CLUSTER_JAR")
    if given:
        return given
    jars = sorted(glob.glob(str(REPO / "jobs" / "target" / "jobs-*-cluster.jar")))
    if not jars:
        raise RuntimeError("no cluster jar: build it with ./mvnw -B -q -Dmaven.test.skip=true -pl jobs -am package")
    return jars[-1]


def spark():
    """A local Spark with Delta (from the cluster jar, the same Delta the jobs write with)."""
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master(os.environ.get("FURLONG_SPARK_MASTER", "local[2]"))
               .appName("furlong-notebook")
               .config("spark.jars", cluster_jar())
               .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
               .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
               .config("spark.sql.shuffle.partitions", "4")
               # Delta rebuilds a table's state with 50 tasks by default: far too many for the small logs of a notebook.
               .config("spark.databricks.delta.snapshotPartitions", "2")
               .config("spark.sql.session.timeZone", "Europe/London")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session


def delta(session, layer, name, version=None):
    reader = session.read.format("delta")
    if version is not None:
        reader = reader.option("versionAsOf", version)
    return reader.load(table(layer, name))


def postgres():
    """A psycopg connection to the published tables, with their schema on the search path."""
    import psycopg
    url = os.environ.get("FURLONG_PG_URL")
    if not url:
        raise RuntimeError("FURLONG_PG_URL is not set: open the notebooks with notebooks/open, which serves the embedded "
                           "Postgres beside the lake, or set it to the jdbc:postgresql://host:port/db URL Furlong publishes to")
    if not url.startswith("jdbc:postgresql://"):
        raise RuntimeError("FURLONG_PG_URL must be a jdbc:postgresql://host:port/db URL")
    parts = urllib.parse.urlsplit(url[len("jdbc:"):])
    query = dict(urllib.parse.parse_qsl(parts.query))
    connection = psycopg.connect(host=parts.hostname, port=parts.port or 5432, dbname=parts.path.lstrip("/") or "postgres",
                                 user=os.environ.get("PG_USER") or query.get("user"),
                                 password=os.environ.get("PG_PASSWORD") or query.get("password"), autocommit=True)
    schema = os.environ.get("FURLONG_PG_SCHEMA", "public")
    connection.execute("select set_config('search_path', %s, false)", [schema])
    return connection


def sql(connection, query, params=None):
    """A query's rows as a pandas DataFrame."""
    import pandas as pd
    cursor = connection.execute(query, params)
    return pd.DataFrame(cursor.fetchall(), columns=[c.name for c in cursor.description])


def plain(value):
    """A value as plain Python (None for missing, whole floats as ints), so that the same figure read from Spark and from
    Postgres compares equal whatever dtype pandas gave each."""
    import pandas as pd
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return int(value) if isinstance(value, float) and value.is_integer() else value


def records(frame):
    """A DataFrame's rows as sorted tuples of plain values."""
    return sorted(tuple(plain(v) for v in row) for row in frame.itertuples(index=False))
