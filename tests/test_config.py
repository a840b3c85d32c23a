import pytest

from comparator.config import Settings, load_settings
from comparator.errors import ConfigError


def test_defaults_without_project_file(tmp_path):
    assert load_settings(tmp_path) == Settings()


def test_pyproject_then_overrides(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.comparator]\nmin-score = 0.7\ncache = false\nlexicons = ["a.yaml"]\n', encoding="utf-8")
    s = load_settings(tmp_path)
    assert (s.min_score, s.cache, s.lexicons) == (0.7, False, ("a.yaml",))
    s = load_settings(tmp_path, min_score=0.5, cache=None)
    assert (s.min_score, s.cache) == (0.5, False)  # None leaves the file's value


def test_setup_cfg_section(tmp_path):
    (tmp_path / "setup.cfg").write_text("[tool:comparator]\nmin_score = 0.4\nlexicons = x.yaml, y.yml\n")
    s = load_settings(tmp_path)
    assert s.min_score == 0.4 and s.lexicons == ("x.yaml", "y.yml")


def test_unknown_setting_names_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.comparator]\nmin_scor = 0.7\n")
    with pytest.raises(ConfigError) as err:
        load_settings(tmp_path)
    assert "pyproject.toml" in str(err.value) and "min_scor" in str(err.value)


def test_bad_value_is_a_config_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.comparator]\nmin_score = "high"\n')
    with pytest.raises(ConfigError):
        load_settings(tmp_path)


def test_broken_toml_is_a_config_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.comparator\n")
    with pytest.raises(ConfigError) as err:
        load_settings(tmp_path)
    assert "pyproject.toml" in str(err.value)


def test_report_settings_leave_out_machine_paths():
    s = Settings(cache_dir="/home/me/.cache/x", lexicons=("/home/me/style.yml",))
    report = s.to_report()
    assert "cache_dir" not in report and report["lexicons"] == ["style.yml"]
