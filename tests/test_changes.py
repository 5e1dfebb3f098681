"""What changed since the last briefing: stable ids, every kind of change, and where each output shows it."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from factsheet.build.pipeline import build
from factsheet.compare import snapshot
from factsheet.compare.changes import compare
from factsheet.deliver import Delivery, compose
from factsheet.model import Citation, Corroboration, Fact, Variant
from factsheet.reconcile import identity

from .growing import DAYS, GROWING, build_days, by_who, change_of, facts_json

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "facts.schema.json"

ID = re.compile(r"f-[a-z2-7]{7,16}(?:-\d+)?")


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("briefings")
    return [r.out for r in build_days(root)]


# --- 1. stable fact identity ----------------------------------------------------------------------


def test_ids_come_from_the_facts_content_not_their_rank(days: list[Path]) -> None:
    one, two, three = (facts_json(d) for d in days)
    assert all(ID.fullmatch(f["id"]) for doc in (one, two, three) for f in doc["facts"])
    minister = [by_who(doc, "Oskar Brandt") for doc in (one, two, three)]
    ranks = [[f["id"] for f in doc["facts"]].index(m["id"]) for doc, m in zip((one, two, three), minister, strict=True)]
    assert len(set(ranks)) > 1, "the minister's statement moves up and down the list"
    assert [len(m["citations"]) for m in minister] == [1, 2, 1], "and its citations change"
    assert len({m["id"] for m in minister}) == 1, "yet it keeps one id"
    passengers = [by_who(doc, "Nordline") for doc in (one, two, three)]
    assert [p["claim"][:17] for p in passengers] == ["The ferry had 140", "The ferry had 190", "The ferry had 190"]
    assert len({p["id"] for p in passengers}) == 1, "a corrected figure is the same fact with a new value"


def test_the_same_articles_give_the_same_ids_in_any_folder(days: list[Path], tmp_path: Path) -> None:
    again = build([str(GROWING / "day2")], tmp_path / "elsewhere", jobs=1)
    assert [f.id for f in again.briefing.facts] == [f["id"] for f in facts_json(days[1])["facts"]]


def _fact(claim: str, article: str = "a", who: str | None = "Ann Lee") -> Fact:
    return Fact(id="", rule="statement", kind="statement", who=who, claim=claim, date=None,
                citations=(Citation(article, 0, len(claim), claim),), corroboration=Corroboration(1, 1))


def test_two_facts_never_share_an_id() -> None:
    twins = [_fact("the bridge will reopen in 3 weeks"), _fact("the bridge will reopen in five weeks", "b")]
    assert identity.key(twins[0], {}) == identity.key(twins[1], {}), "numbers aside, the same words"
    ids = [f.id for f in identity.assign(twins, {})]
    assert len(set(ids)) == 2 and ids[1].startswith(ids[0]), "the second is lengthened, deterministically"
    assert ids == [f.id for f in identity.assign(twins, {})]
    taken = identity.Ids()
    assert [taken.unique("f-abcdefg") for _ in range(3)] == ["f-abcdefg", "f-abcdefg-2", "f-abcdefg-3"]


def test_the_id_is_taken_from_the_first_report_of_the_fact() -> None:
    fact = Fact(id="", rule="statement", kind="statement", who="Ann Lee", claim="later wording of the fact",
                date=None, citations=(Citation("late", 0, 5, "x"), Citation("early", 0, 5, "y")),
                corroboration=Corroboration(2, 2), variants=(Variant("original wording of the fact", ("early",)),))
    published = {"early": "2026-01-01", "late": "2026-01-05"}
    assert identity.anchor(fact, published).article == "early"
    assert identity.key(fact, published) == "statement|lee|fact origin wordin"


# --- 2./5. the comparison and its baseline ----------------------------------------------------------


def test_the_first_build_says_there_is_nothing_to_compare_with(days: list[Path]) -> None:
    doc = facts_json(days[0])
    assert doc["changes"]["first"] is True and doc["changes"]["since"] is None
    assert doc["changes"]["facts"] == [] and not any(f["change"] for f in doc["facts"])
    assert all(f["previous_ids"] == [] for f in doc["facts"])
    html = (days[0] / "briefing.html").read_text(encoding="utf-8")
    assert "No earlier briefing to compare with" in html and 'class="change ' not in html


def test_day_two_a_new_fact_more_sources_a_grade_change_a_new_conflict_a_new_outlet(days: list[Path]) -> None:
    before, doc = facts_json(days[0]), facts_json(days[1])
    changes = doc["changes"]
    assert changes["since"] == {"title": before["title"], "generated": "2026-05-11", "facts": len(before["facts"]),
                                "articles": 2}
    divers = change_of(doc, "coast guard spokesman")
    assert divers["status"] == "new" and divers["mark"] == "new" and divers["previous_ids"] == []
    minister = change_of(doc, "Oskar Brandt")
    assert minister["mark"] == "up" and minister["independent"] == {"before": 1, "after": 2}
    assert minister["grade"] == {"before": 3, "after": 1}
    passengers = change_of(doc, "Nordline")
    assert passengers["conflicts_new"] == ["number"] and passengers["independent"] == {"before": 1, "after": 2}
    assert changes["articles"]["new"] == ["veskil_post"] and changes["outlets"]["new"] == ["Veskil Post"]
    assert by_who(doc, "Oskar Brandt")["change"] == "up"
    assert by_who(doc, "Ines Kovalenko")["change"] is None, "an unchanged fact is not marked"
    assert by_who(doc, "Ines Kovalenko")["previous_ids"] == [by_who(doc, "Ines Kovalenko")["id"]]
    assert changes["counts"]["new"] >= 1 and changes["counts"]["more_sources"] == 2


def test_day_three_a_correction_settles_a_conflict_and_facts_go_with_their_articles(days: list[Path]) -> None:
    before, doc = facts_json(days[1]), facts_json(days[2])
    changes = doc["changes"]
    passengers = change_of(doc, "Nordline")
    assert passengers["conflicts_settled"] == ["number"] and passengers["grade"] == {"before": 2, "after": 1}
    minister = change_of(doc, "Oskar Brandt")
    assert minister["mark"] == "down" and minister["independent"] == {"before": 2, "after": 1}
    fire = change_of(doc, "port authority")  # its first report (Coastwire) is gone: a new id, linked to the old one
    assert fire["previous_ids"] == [by_who(before, "port authority")["id"]] != [fire["id"]]
    assert fire["conflicts_settled"] == ["date"]
    assert by_who(doc, "port authority")["previous_ids"] == fire["previous_ids"]
    engine_room = change_of(doc, "Ines Kovalenko")
    assert engine_room["status"] == "gone" and engine_room["reason"] == "coastwire is no longer among the inputs"
    quay = change_of(doc, "Marta Lind")
    assert quay["status"] == "gone" and quay["reason"] == "harbour_times changed and no longer says it"
    assert changes["articles"] == {"new": [], "gone": ["coastwire"], "changed": ["harbour_times"]}
    assert changes["outlets"]["gone"] == ["Coastwire"]
    assert changes["counts"]["gone"] == 2 and changes["counts"]["conflicts_settled"] == 2


def _write(path: Path, facts: list[dict[str, object]], compact: bool = False) -> Path:
    doc = {"schema": 1, "title": "t", "generated": "2026-01-01", "articles": [{"id": "a"}, {"id": "b"}],
           "facts": facts}
    path.write_text(json.dumps(doc, indent=None if compact else 2), encoding="utf-8")
    return path


def _entry(fid: str, *cites: tuple[str, str], independent: int = 1) -> dict[str, object]:
    return {"id": fid, "who": None, "claim": fid, "corroboration": {"articles": independent,
                                                                     "independent": independent},
            "grade": 3, "citations": [{"article": a, "text": t, "start": 0, "end": 1} for a, t in cites]}


def test_facts_that_merge_or_split_record_where_they_came_from(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.json", [_entry("f-one", ("a", "s1")), _entry("f-two", ("b", "s2")),
                                         _entry("f-three", ("a", "s3"), ("b", "s4"))], compact=True)
    new = _write(tmp_path / "new.json", [_entry("f-one", ("a", "s1"), ("b", "s2"), independent=2),
                                         _entry("f-three", ("a", "s3")), _entry("f-four", ("b", "s4"))])
    changes = compare(snapshot.read(old), snapshot.read(new))
    by_id = {(c.id or c.previous_ids[0]): c for c in changes.facts}
    assert by_id["f-two"].status == "merged" and by_id["f-two"].into == ("f-one",)
    assert by_id["f-one"].previous_ids == ("f-one", "f-two") and by_id["f-one"].mark == "up"
    assert by_id["f-four"].status == "split" and by_id["f-four"].previous_ids == ("f-three",)
    assert changes.previous_ids("f-three") == ("f-three",) and changes.counts()["new"] == 1


# --- 5. unattended runs: never a failed or partial run as the baseline ---------------------------------


def test_a_partial_run_is_never_the_baseline(tmp_path: Path) -> None:
    root = tmp_path / "out"
    build_days(root, days=1)
    partial = root / "2026-05-12"
    partial.mkdir()
    (partial / "briefing.html").write_text("<html></html>", encoding="utf-8")  # killed before the other files
    result = build([str(GROWING / "day3")], root / "2026-05-13", jobs=1)
    assert result.changes is not None and result.changes.since is not None
    assert result.changes.since.generated == "2026-05-11", "latest (day 1) is compared with, not the partial day"
    (root / "latest").unlink()  # without `latest`, the partial folder is passed over and named in the notes
    shutil.rmtree(root / "2026-05-13")
    result = build([str(GROWING / "day3")], root / "2026-05-14", jobs=1)
    assert result.changes is not None and result.changes.since is not None
    assert any("2026-05-12 was not compared with" in n and "missing" in n for n in result.notes)


def test_a_facts_json_cut_short_is_not_a_briefing(tmp_path: Path) -> None:
    root = tmp_path / "out"
    second = build_days(root, days=2)[1].out
    text = (second / "facts.json").read_text(encoding="utf-8")
    (second / "facts.json").write_text(text[: len(text) // 2], encoding="utf-8")  # a disk that filled up
    result = build([str(GROWING / "day3")], root / "2026-05-13", jobs=1)
    assert result.changes is not None and result.changes.since is not None
    assert result.changes.since.generated == "2026-05-11", "the day before is compared with instead"
    assert any(f"{DAYS[1]} was not compared with" in n and "not a complete facts.json" in n for n in result.notes)


def test_a_broken_facts_json_is_named_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "facts.json"
    broken.write_text('{"schema": 1, "facts": [{"id": "f-a"', encoding="utf-8")
    with pytest.raises(snapshot.BriefingFileError) as err:
        snapshot.read(broken)
    assert str(broken) in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(snapshot.BriefingFileError, match=r"no facts\.json there"):
        snapshot.read(tmp_path / "nowhere")


# --- 3. every output --------------------------------------------------------------------------------


def test_the_section_comes_first_with_counts_and_links_to_marked_cards(days: list[Path]) -> None:
    html = (days[1] / "briefing.html").read_text(encoding="utf-8")
    doc = facts_json(days[1])
    section = html[html.index('<section class="since" id="since">'):]
    section = section[:section.index("</section>")]
    assert html.index('id="since"') < html.index('id="key-facts"')
    assert "Since the last briefing" in section and "the briefing of 11 May 2026" in section
    assert doc["changes"]["summary"] in section and '<a href="#since">' + doc["changes"]["summary"] in html
    minister = by_who(doc, "Oskar Brandt")
    link = re.search(r'<a href="(#fact-\d+)">' + minister["id"] + "</a>", section)
    assert link is not None, "the entry links to the fact's card"
    card = html[html.index(f'id="{link.group(1)[1:]}"'):]
    assert re.match(r'[^>]*>\s*<header class="fact-head">.*?<a class="change up" href="#since"', card, re.S)
    assert "New outlets</dt><dd>Veskil Post" in section


def test_facts_csv_has_the_change_and_previous_ids_columns(days: list[Path]) -> None:
    with (days[2] / "facts.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["who"]: r for r in csv.DictReader(f)}
    doc = facts_json(days[2])
    assert rows["Oskar Brandt"]["change"] == "down"
    assert rows["port authority"]["previous_ids"] == " ".join(change_of(doc, "port authority")["previous_ids"])


def test_the_email_subject_and_body_count_what_changed(days: list[Path]) -> None:
    counts = facts_json(days[2])["changes"]["counts"]
    msg = compose(days[2], Delivery(to=("desk@example.org",), subject="{new} new, {changed} changed: {title}"))
    assert msg["Subject"].startswith(f"{counts['new']} new, {counts['changed'] + counts['gone']} changed: ")
    body = msg.get_body(("plain",))
    assert body is not None and "Since the briefing of 2026-05-12: " in body.get_content()
    first = compose(days[0], Delivery(to=("desk@example.org",), subject="{new} new"))
    assert first["Subject"] == "0 new" and "No earlier briefing" in str(first.get_body(("plain",)).get_content())


def test_every_day_follows_the_facts_json_schema(days: list[Path]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for day in days:
        jsonschema.validate(facts_json(day), schema)
    broken = facts_json(days[1])
    broken["facts"][0]["change"] = "sideways"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
