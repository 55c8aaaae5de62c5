"""One source, one name: every spider's module, class, `name`, test module and fixture folder agree (STYLE.md §1).

Checked for every spider Scrapy itself lists, so a new spider cannot skip its tests or fixtures unnoticed.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

ROOT = Path(__file__).resolve().parents[1]
ORIGINS = {"REAL", "REAL-DERIVED", "RECON"}
DOCSTRING_SECTIONS = ("Domain", "Caveats", "Spider arguments")


def _loader() -> SpiderLoader:
    # The project's settings module (what scrapy.cfg names), loaded directly so the test does not depend on
    # the working directory or on SCRAPY_SETTINGS_MODULE.
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    return SpiderLoader.from_settings(settings)


LOADER = _loader()
NAMES = sorted(LOADER.list())


def camel(name: str) -> str:
    """ms2021 → Ms2021, dotaceeu → Dotaceeu, some_source → SomeSource."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\W]+", name) if part)


def manifest_entries(folder: Path) -> list[dict[str, str]]:
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = data["files"] if isinstance(data, dict) else data
    return list(files.values()) if isinstance(files, dict) else list(files)


def test_spiders_are_found() -> None:
    assert {"olkraj", "jmk", "dotaceeu"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_module_and_class(name: str) -> None:
    spider = LOADER.load(name)
    assert spider.name == name
    assert spider.__module__ == f"spiders.{name}", "one module per source, named after the spider"
    assert (ROOT / "spiders" / f"{name}.py").is_file()
    assert spider.__name__ == f"{camel(name)}Spider"


@pytest.mark.parametrize("name", NAMES)
def test_one_spider_per_module(name: str) -> None:
    tree = ast.parse((ROOT / "spiders" / f"{name}.py").read_text(encoding="utf-8"))
    names = [
        node.value.value
        for cls in tree.body
        if isinstance(cls, ast.ClassDef)
        for node in cls.body
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", None) == "name" for t in node.targets)
        and isinstance(node.value, ast.Constant)
    ]
    assert names == [name]


@pytest.mark.parametrize("name", NAMES)
def test_docstring_describes_source(name: str) -> None:
    spider = LOADER.load(name)
    doc = inspect.getdoc(inspect.getmodule(spider)) or ""
    doc += "\n" + (spider.__doc__ or "")
    # A section is its name at the start of a line ("Domain:" or a "Domain" heading), as kingfisher-collect checks.
    missing = [
        section
        for section in DOCSTRING_SECTIONS
        if not re.search(rf"^\s*{section}\b", doc, re.MULTILINE | re.IGNORECASE)
    ]
    assert not missing, f"spider docstring lacks {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_test_module_exists(name: str) -> None:
    assert (ROOT / "tests" / f"test_{name}.py").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_fixture_folder_and_manifest(name: str) -> None:
    folder = ROOT / "tests" / "files" / name
    assert (folder / "manifest.json").is_file(), f"tests/files/{name}/manifest.json missing"
    entries = manifest_entries(folder)
    assert entries, "the manifest lists no file"
    listed = set()
    for entry in entries:
        path = entry.get("path") or entry.get("file")
        assert path and (folder / path).is_file(), f"manifest names a missing file: {path}"
        listed.add(path)
        url = urlsplit(entry.get("sourceUrl", ""))
        assert url.scheme in {"http", "https"} and url.netloc, f"{path}: sourceUrl"
        captured = datetime.fromisoformat(entry.get("capturedAt", "").replace("Z", "+00:00"))
        assert captured.tzinfo is not None, f"{path}: capturedAt needs an offset"
        assert entry.get("origin") in ORIGINS, f"{path}: origin must be one of {sorted(ORIGINS)}"
        assert entry.get("basedOn"), f"{path}: basedOn (what the file is based on) is missing"
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"manifest.json"}
    assert on_disk == listed, f"files not in the manifest: {sorted(on_disk - listed)}"


@pytest.mark.parametrize(("name", "expected"), [("ms2021", "Ms2021"), ("dotaceeu", "Dotaceeu"), ("a_b", "AB")])
def test_camel(name: str, expected: str) -> None:
    assert camel(name) == expected
