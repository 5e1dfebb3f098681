"""JSON Lines feeds are read one record at a time: the file limit holds for each record, not for the whole feed."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from factsheet.ingest import reading
from factsheet.ingest.formats import iter_jsonl, load_jsonl
from factsheet.ingest.load import load_paths
from factsheet.model import Article, Skipped


def _record(n: int, words: int = 12) -> str:
    text = f"The harbour office said on Monday that berth {n} would reopen. " + "More detail follows. " * words
    return json.dumps({"title": f"Berth {n} reopens", "maintext": text, "date_publish": "2025-03-04",
                       "url": f"https://harbour.example/berth-{n}"})


def test_a_feed_larger_than_the_file_limit_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 1_000)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(_record(n) for n in range(1, 41)) + "\n", encoding="utf-8")
    assert feed.stat().st_size > 10 * reading.MAX_BYTES
    loaded = load_paths([str(feed)])
    assert len(loaded.articles) == 40 and loaded.skipped == []
    assert loaded.articles[-1].path == f"{feed}:40"


def test_only_the_record_over_the_limit_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 4_000)
    long = _record(2, words=400)
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(("\r\n".join([_record(1), long, _record(3)]) + "\r\n").encode("utf-8"))
    items = load_jsonl(feed)
    assert isinstance(items, list)
    assert [i.id for i in items if isinstance(i, Article)] == ["feed-1", "feed-3"]
    (skip,) = [i for i in items if isinstance(i, Skipped)]
    assert skip.path == f"{feed}:2"
    assert skip.reason == (f"the record is {len(long):,} bytes, over the limit of 4,000 bytes; split it or raise "
                           "FACTSHEET_MAX_FILE_BYTES")


def test_a_record_exactly_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = _record(1)
    monkeypatch.setattr(reading, "MAX_BYTES", len(line.encode("utf-8")))
    feed = tmp_path / "feed.jsonl"
    feed.write_text(line + "\r\n" + line.replace("berth 1", "berth 7"), encoding="utf-8")  # last line: no newline
    assert [i.id for i in load_jsonl(feed) if isinstance(i, Article)] == ["feed-1", "feed-2"]


def test_records_are_read_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twenty megabytes of feed are read in the memory of a few records."""
    monkeypatch.setattr(reading, "MAX_BYTES", 1024 * 1024)
    feed = tmp_path / "big.jsonl"
    record = _record(1, words=5_000)  # about 100 KB a line
    with feed.open("w", encoding="utf-8") as out:
        for _ in range(200):
            out.write(record + "\n")
    assert feed.stat().st_size > 20 * 1024 * 1024
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_jsonl(feed) if isinstance(item, Article))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 200
    assert peak < 4 * 1024 * 1024, f"peak {peak:,} bytes: the feed was held whole"


def test_bom_blank_lines_and_bad_lines_in_a_streamed_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\xef\xbb\xbf" + (_record(1) + "\n\n   \n{not json\n" + _record(5) + "\n").encode("utf-8"))
    items = load_jsonl(feed)
    assert isinstance(items, list)
    assert [i.id for i in items if isinstance(i, Article)] == ["feed-1", "feed-5"]
    assert [(i.path, i.reason.split(" (")[0]) for i in items if isinstance(i, Skipped)] == [
        (f"{feed}:4", "line 4 is not valid JSON")]


def test_a_utf16_feed_is_still_read(tmp_path: Path) -> None:
    feed = tmp_path / "wide.jsonl"
    feed.write_bytes((_record(1) + "\n" + _record(2) + "\n").encode("utf-16"))
    assert [i.id for i in load_jsonl(feed) if isinstance(i, Article)] == ["wide-1", "wide-2"]


def test_a_blank_feed_is_skipped_with_the_reason(tmp_path: Path) -> None:
    feed = tmp_path / "blank.jsonl"
    feed.write_text("\n   \n", encoding="utf-8")
    loaded = load_paths([str(feed)])
    assert loaded.articles == [] and [s.reason for s in loaded.skipped] == [
        "no records in the file; give one news-please JSON record a line"]
