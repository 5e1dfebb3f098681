"""Packaging: the wheel carries its licence, type marker, rules, templates and schemas; every import is declared;
a constraints file pins what a cron deployment installs."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Imported only inside try/except ImportError, each with the standard library or a default behind it.
OPTIONAL_IMPORTS = {
    "orjson": "the 'fast' extra: facts.json through orjson, else the standard library (render/jsonfast.py)",
    "dask": "the 'dask' extra: --scheduler", "distributed": "the 'dask' extra: --scheduler",
    "dateparser": "dates in other languages, when installed (htmldate brings it; ingest/metadates.py)",
}
REGENERATE = "run scripts/constraints.sh to write constraints.txt from the virtual environment"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel `pip install .` would install, built in-process by the project's build backend."""
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("wheel")
    (path,) = WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
    return zipfile.ZipFile(path)


def _metadata(wheel: zipfile.ZipFile) -> str:
    return wheel.read(next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))).decode("utf-8")


def test_the_wheel_carries_the_licence_and_says_mit(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    licence = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
    text = wheel.read(licence).decode("utf-8")
    assert text.startswith("MIT License") and "Copyright (c) 2026 the factsheet authors" in text
    meta = _metadata(wheel)
    assert "License-Expression: MIT" in meta and "Author: the factsheet authors" in meta


def test_the_wheel_is_marked_typed_and_classified(wheel: zipfile.ZipFile) -> None:
    assert "factsheet/py.typed" in wheel.namelist()
    meta = _metadata(wheel)
    for classifier in ("Typing :: Typed", "Programming Language :: Python :: 3.11", "Environment :: Console"):
        assert f"Classifier: {classifier}" in meta


def test_the_wheel_ships_rules_templates_and_every_schema(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for schema in ("rules.schema.json", "facts.schema.json", "factsheet.schema.json"):
        assert f"factsheet/_builtin/schema/{schema}" in names, schema
    rules = sorted(n for n in names if re.fullmatch(r"factsheet/_builtin/rules/[^/]+\.yaml", n))
    assert rules and any(n.startswith("factsheet/_builtin/templates/") for n in names)
    for rule in rules:  # the editor's `$schema` comment names a file the wheel installs
        first = wheel.read(rule).decode("utf-8").splitlines()[0]
        target = first.split("$schema=", 1)[1]
        resolved = Path(rule).parent / target
        parts: list[str] = []
        for part in resolved.parts:
            if part == "..":
                parts.pop()
            else:
                parts.append(part)
        assert "/".join(parts) in names, (rule, target)


def _third_party_imports() -> dict[str, str]:
    """Top-level modules factsheet imports that are not its own or the standard library, with one file each."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "factsheet").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top != "factsheet" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def _names(requirements: list[str]) -> set[str]:
    names = set()
    for r in requirements:
        name = Requirement(r).name
        try:
            names.add(importlib.metadata.distribution(name).metadata["Name"].casefold())
        except importlib.metadata.PackageNotFoundError:
            names.add(name.casefold())
    return names


def test_every_library_factsheet_imports_is_declared() -> None:
    declared = _names(PYPROJECT["project"]["dependencies"])
    extras = {name for reqs in PYPROJECT["project"]["optional-dependencies"].values() for name in _names(reqs)}
    by_module = importlib.metadata.packages_distributions()
    for module, where in _third_party_imports().items():
        dists = {d.casefold() for d in by_module.get(module, [])}
        assert dists, f"{module} (imported in {where}) is not installed"
        if module in OPTIONAL_IMPORTS:
            continue
        assert dists & declared, f"{module} is imported in {where} but not declared in pyproject dependencies"
    for module in ("orjson", "dask"):
        assert {d.casefold() for d in by_module[module]} & extras, module


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: '{line}' is not pinned with =="
            pins[re.sub(r"[-_.]+", "-", name).casefold()] = version
    return pins


def test_constraints_pin_every_dependency_within_its_range() -> None:
    pins = _pins()
    assert "factsheet" not in pins, "the project itself is not a constraint"
    wanted = [*PYPROJECT["project"]["dependencies"], *PYPROJECT["project"]["optional-dependencies"]["fast"]]
    todo = [Requirement(r) for r in wanted]
    seen: set[str] = set()
    while todo:  # the dependencies, and what they depend on, all pinned
        req = todo.pop()
        name = re.sub(r"[-_.]+", "-", req.name).casefold()
        if name in seen or (req.marker is not None and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        assert name in pins, f"{req.name} is not pinned in constraints.txt; {REGENERATE}"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"constraints.txt pins {req.name}=={pins[name]}, outside {req.specifier}; {REGENERATE}"
        dist = importlib.metadata.distribution(req.name)
        todo.extend(Requirement(r) for r in dist.requires or [])

