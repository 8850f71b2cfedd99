"""Executes notebooks with the "furlong" kernel, in their own folder, and writes each executed copy into OUT:
python execute.py OUT NOTEBOOK...  Prints each notebook's time; exits 1 at the first that fails."""

import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(out, notebooks):
    out.mkdir(parents=True, exist_ok=True)
    for path in map(pathlib.Path, notebooks):
        notebook = nbformat.read(path, as_version=4)
        started = time.monotonic()
        client = NotebookClient(notebook, kernel_name="furlong", timeout=600,
                                resources={"metadata": {"path": str(path.resolve().parent)}})
        try:
            client.execute()
        except CellExecutionError as failure:
            print(f"{path.name}: FAILED after {time.monotonic() - started:.0f} s\n{failure}", file=sys.stderr)
            return 1
        finally:
            nbformat.write(notebook, out / path.name)
        print(f"{path.name}: executed in {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1]), sys.argv[2:]))
