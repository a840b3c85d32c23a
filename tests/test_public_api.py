"""The public surface is small, explicit and cheap to import."""

import subprocess
import sys

import comparator


def test_all_names_exist():
    for name in comparator.__all__:
        assert hasattr(comparator, name), name


def test_all_has_no_duplicates():
    assert len(set(comparator.__all__)) == len(comparator.__all__)


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from comparator.cli import cli\n"
        "r = CliRunner().invoke(cli, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(cli, ['compare', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(cli, ['model', 'prepare', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(cli, ['check', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(cli, ['corpus', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'onnxruntime', 'tokenizers', "
        "'spacy', 'pandas', 'trafilatura', 'dask', 'distributed', 'matplotlib', 'pyarrow') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"--help imported {out.stdout.strip()}"


def test_python_dash_m_runs():
    out = subprocess.run([sys.executable, "-m", "comparator", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert comparator.__version__ in out.stdout


def test_check_is_callable_and_its_submodules_import():
    import importlib

    import comparator.check.runner as runner

    assert callable(comparator.check) and comparator.check.check is runner.check
    assert importlib.import_module("comparator.check.rules").RULES
    assert comparator.CheckResult is comparator.check.CheckResult
