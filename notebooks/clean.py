"""Notebooks are committed without outputs: what they show comes from the lake they run on, never from the repository.
  python notebooks/clean.py            strip the outputs and execution counts of every notebook here
  python notebooks/clean.py --check    list the notebooks that have any, and exit 1 if one does"""

import pathlib
import sys

import nbformat


def dirty(notebook):
    return any(cell.get("outputs") or cell.get("execution_count") is not None
               for cell in notebook.cells if cell.cell_type == "code")


def strip(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)


def main(check):
    found = []
    for path in sorted(pathlib.Path(__file__).resolve().parent.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        if dirty(notebook):
            found.append(path.name)
            if not check:
                strip(notebook)
                nbformat.write(notebook, path)
    if check and found:
        print("notebooks committed with outputs (python notebooks/clean.py strips them): " + ", ".join(found), file=sys.stderr)
        return 1
    print(("stripped: " + ", ".join(found)) if found and not check else "every notebook is without outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
