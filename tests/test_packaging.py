"""Installing fundwatch is quiet and installs all of it: a wheel holds every module
and data file of the five packages, and `pip install -q -e .` prints nothing.
Real pip runs (build isolation fetches setuptools from the package index)."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("flows", "scrapers", "storage", "extraction", "alerts")
DATA = ("storage/datasette_metadata.json", "extraction/data/confidence.json", "flows/default_config.toml",
        "flows/demo_site/en/feed.xml", "flows/demo_site/de/atom.xml")


def test_a_wheel_holds_every_module_and_data_file_and_building_it_is_quiet(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""
    (wheel,) = tmp_path.glob("fundwatch-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")
               if "__pycache__" not in p.parts}
    assert "extraction/grammar/__init__.py" in modules
    assert not modules - names, sorted(modules - names)[:10]
    assert not set(DATA) - names
    assert not {n for n in names if n.startswith(("tests/", "benchmarks/"))}


def test_an_editable_install_is_quiet(tmp_path):
    venv.create(tmp_path / "venv", with_pip=True)
    pip = tmp_path / "venv" / "bin" / "pip"
    # As the README's quick start does: a recent pip passes the build backend's warnings on.
    subprocess.run([str(pip), "install", "-q", "-U", "pip"], check=True, capture_output=True, timeout=300)
    result = subprocess.run([str(pip), "install", "-q", "--no-deps", "-e", str(ROOT)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""


def test_version_flags():
    for flag in ("--version", "-V"):
        result = subprocess.run([sys.executable, "-m", "flows", flag], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and result.stdout.startswith("fundwatch, version "), flag
