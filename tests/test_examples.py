"""The committed example report is what the current code produces."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STALE = "reports/examples is out of date: run `make examples` and commit the result"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("regen", ROOT / "scripts" / "regenerate_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("example")
    module.build(out, cache_dir=str(tmp_path_factory.mktemp("cache")))
    return out, module.TARGET


@pytest.mark.parametrize("name", ["report.json", "report.md", "report.html"])
def test_report_files_are_current(fresh, name):
    out, target = fresh
    assert (target / name).exists(), STALE
    assert (out / name).read_bytes() == (target / name).read_bytes(), STALE


@pytest.mark.parametrize("name", ["claims", "alignments", "findings", "entities"])
def test_tables_are_current(fresh, name):
    import pandas as pd

    out, target = fresh
    for suffix, read in ((".csv", pd.read_csv), (".parquet", pd.read_parquet)):
        committed = target / "tables" / f"{name}{suffix}"
        assert committed.exists(), STALE
        pd.testing.assert_frame_equal(read(out / "tables" / f"{name}{suffix}"), read(committed), obj=STALE)
