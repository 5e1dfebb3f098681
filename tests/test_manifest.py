"""A manifest names metadata per file; what it says wins, and provenance shows where values came from."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from factsheet.ingest.load import load_paths
from factsheet.ingest.manifest import ManifestError, apply, is_manifest, read_manifest
from factsheet.model import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"

STORY = "The lock gates at Holmvik were opened again on Thursday after repairs that took three weeks.\n"


def _folder(tmp_path: Path, manifest_name: str, manifest: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "lock.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "gates.md").write_text("---\noutlet: Guessed Outlet\n---\n" + STORY.replace("three", "four"),
                                       encoding="utf-8")
    (tmp_path / manifest_name).write_text(manifest, encoding="utf-8")
    return tmp_path


def test_fixture_manifest_overrides_and_records_provenance() -> None:
    loaded = load_paths([str(FIXTURES)])
    by_id = {a.id: a for a in loaded.articles}
    txt = by_id["gazette-followup"]  # the manifest renamed ferry_windows1252
    assert txt.outlet == "Coastal Gazette Weekly"
    assert txt.url == "https://gazette.example/2024/03/13/crane-report"
    assert txt.published == date(2024, 3, 13)
    assert dict(txt.provenance)["published"] == "manifest manifest.csv:2"
    page = by_id["comet_scripted"]
    assert page.outlet == "Skywatch Daily (print edition)"  # wins over the page's own site name
    assert dict(page.provenance)["outlet"] == "manifest manifest.csv:3"
    assert dict(page.provenance)["url"] == "page metadata (canonical link)"  # empty cells change nothing
    assert not loaded.notes


def test_yaml_list_manifest(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "manifest.yaml", """
- file: gates.md
  outlet: Holmvik Post
  published: 2024-05-02
  authors: [Ann Berg, Ole Dahl]
- file: lock.txt
  id: holmvik-lock
  title: Lock gates open again
""")
    loaded = load_paths([str(folder)])
    by_id = {a.id: a for a in loaded.articles}
    assert set(by_id) == {"gates", "holmvik-lock"}
    assert by_id["gates"].outlet == "Holmvik Post" and by_id["gates"].published == date(2024, 5, 2)
    assert by_id["gates"].authors == ("Ann Berg", "Ole Dahl")
    assert dict(by_id["gates"].provenance)["outlet"] == "manifest manifest.yaml:2"
    assert by_id["holmvik-lock"].title == "Lock gates open again"
    assert [s.path for s in loaded.skipped] == [str(folder / "manifest.yaml")]


def test_yaml_mapping_manifest_given_on_the_command_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", "notes.txt", STORY.replace("Holmvik", "Sandnes"))
    extra = tmp_path / "meta.yml"
    extra.write_text("lock.txt: {outlet: Lock Weekly}\nnotes.txt:\n  url: https://notes.example/1\n",
                     encoding="utf-8")
    loaded = load_paths([str(folder)], [str(extra)])
    by_id = {a.id: a for a in loaded.articles}
    assert by_id["lock"].outlet == "Lock Weekly"
    assert by_id["notes"].url == "https://notes.example/1"
    assert not loaded.skipped  # a manifest given with --manifest is not an input


def test_entries_are_matched_by_url_and_by_record(tmp_path: Path) -> None:
    rows = "url,outlet\nhttps://astronews.example/grenholt-comet-confirmed,Astro News Weekly\n"
    (tmp_path / "m.manifest.csv").write_text(rows, encoding="utf-8")
    shutil.copy(FIXTURES / "comet_records.jsonl", tmp_path)
    (tmp_path / "more.manifest.csv").write_text("file,outlet\ncomet_records.jsonl:2,Stargazer\n", encoding="utf-8")
    by_id = {a.id: a for a in load_paths([str(tmp_path)]).articles}
    assert by_id["comet_records-1"].outlet == "Astro News Weekly"
    assert by_id["comet_records-2"].outlet == "Stargazer"


def test_bad_entries_are_left_out_and_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "manifest.csv", "file,published,id,url\n"
                     "lock.txt,05/06/2024,,\n"
                     "gates.md,,../../etc/passwd,\n"
                     "missing.txt,2024-05-01,,\n"
                     "lock.txt,,,ftp://x\n")
    loaded = load_paths([str(folder)])
    assert {a.id for a in loaded.articles} == {"lock", "gates"}
    notes = "\n".join(loaded.notes)
    assert ("manifest.csv:2: published '05/06/2024' is not a date (day and month could be either way round: "
            "5 and 6); write it as YYYY-MM-DD") in notes
    assert "manifest.csv:3: id '../../etc/passwd' may hold only letters" in notes
    assert "manifest.csv:4: 'missing.txt' matches no input" in notes
    assert "manifest.csv:5: url 'ftp://x' is not a web address" in notes


def test_published_dates_in_any_common_form_are_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "manifest.yaml", "lock.txt: {published: 'Tue, 14 May 2024 23:30:00 -0500'}\n"
                     "gates.md:\n  published: May 15, 2024\n")
    loaded = load_paths([str(folder)])
    by_id = {a.id: a for a in loaded.articles}
    assert by_id["lock"].published == date(2024, 5, 14)  # the day as the publisher wrote it, not UTC's
    assert by_id["gates"].published == date(2024, 5, 15)
    assert dict(by_id["gates"].provenance)["published"] == "manifest manifest.yaml:2"
    assert loaded.notes == []


@pytest.mark.parametrize(("name", "text", "message"), [
    ("manifest.csv", "file,outlett\na.txt,X\n", "unknown column 'outlett' — did you mean 'outlet'?"),
    ("manifest.yaml", "- file: a.txt\n  outlet: &x X\n- file: b.txt\n  outlet: *x\n", "anchors"),
    ("manifest.yaml", "just a sentence", "a manifest is a list of entries"),
    ("manifest.csv", "", "empty"),
])
def test_unusable_manifests(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=message) as err:
        read_manifest(path)
    assert err.value.exit_code == 2
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    loaded = load_paths([str(tmp_path)])  # found among the inputs: skipped with the reason, build goes on
    reasons = {Path(s.path).name: s.reason for s in loaded.skipped}
    assert reasons[name].startswith("manifest not used:") and message.split(" —")[0] in reasons[name]
    assert [a.id for a in loaded.articles] == ["a"]


def test_excel_csv_with_bom_and_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_bytes("file;outlet\r\n".replace(";", ",").encode() + "a.txt,Café Zeitung\r\n".encode("cp1252"))
    manifest = read_manifest(path)
    assert manifest.entries[0].values == {"file": "a.txt", "outlet": "Café Zeitung"}
    path.write_bytes(b"\xef\xbb\xbf" + "file,outlet\na.txt,Café Zeitung\n".encode())
    assert read_manifest(path).entries[0].values["file"] == "a.txt"


def test_manifest_names_and_explicit_overrides() -> None:
    assert is_manifest(Path("x/manifest.csv")) and is_manifest(Path("feeds.manifest.yml"))
    assert not is_manifest(Path("data.csv"))
    a = Article("a", "/nowhere/a.txt", STORY, outlet="Guess", provenance=(("outlet", "front matter"),))
    manifest = read_manifest(FIXTURES / "manifest.csv")
    result, notes = apply([a], [manifest])
    assert result == [a] and len(notes) == 2  # neither entry names this file
