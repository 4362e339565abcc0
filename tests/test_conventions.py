"""Conventions the codebase keeps, checked so they stay kept."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from flows.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["flows", "scrapers", "storage", "extraction", "alerts", "market"]


def all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    commands = list(all_commands(cli))
    assert len(commands) >= 8  # run, demo, serve, config, extract, eval, feeds, events, alerts ...
    for path, command in commands:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        if not isinstance(command, click.Group):
            assert "Example:" in result.output, f"`fundwatch {' '.join(path)} --help` has no Example"


def test_no_flows_module_shadows_a_package_or_the_standard_library():
    # Prefect puts flows/ first on sys.path when it loads a flow by path.
    names = {p.stem for p in (ROOT / "flows").glob("*.py")} | {
        p.name for p in (ROOT / "flows").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    names.discard("__init__")
    names.discard("__main__")
    clashes = {n for n in names if n in PACKAGES or n in sys.stdlib_module_names}
    installed = {n for n in names if n not in clashes and importlib.util.find_spec(n) is not None
                 and not (importlib.util.find_spec(n).origin or "").startswith(str(ROOT / "flows"))}
    assert not clashes and not installed, clashes | installed


@pytest.mark.parametrize("package", [p for p in PACKAGES if p != "flows"])
def test_only_flows_imports_prefect(package):
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            assert not any(m == "prefect" or m.startswith("prefect.") for m in modules), path


def test_prefect_yaml_entrypoints_resolve():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    deployments = spec["deployments"]
    assert deployments
    for deployment in deployments:
        file, _, name = deployment["entrypoint"].partition(":")
        source = (ROOT / file).read_text(encoding="utf-8")
        tree = ast.parse(source)
        flows = {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and any("flow" in ast.unparse(d) for d in node.decorator_list)
        }
        assert name in flows, deployment["entrypoint"]
