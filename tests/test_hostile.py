"""Hostile and broken input: nothing lost, nothing executed, nothing leaked (issue 9).

One build reads a folder of hostile files (the "zoo": empty, binary, 50 MB,
bad encodings, NUL bytes, right-to-left text, a 100,000-character sentence,
10,000 quote marks, deep HTML and JSON, links that loop or lead outside,
a pipe, unsafe ids, markup and script in the text). Each file is one
parametrised case: it is used, or skipped with a reason that names it and
says what to do. Around it: the accounting (inputs given = used + skipped),
inert HTML, a PDF renderer that fetches nothing, safe output paths and
permissions, no shell, hostile rule files and the configurable limits.

docs/reliability.md lists every case with the test that holds it. Nothing
here asserts a duration: inputs are bounded and pytest-timeout is only a
safety net against a hang.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import logging
import os
import re
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factsheet import build, limits
from factsheet.build.outputs import OUTPUTS
from factsheet.build.pipeline import BuildResult
from factsheet.errors import RuleError
from factsheet.ingest import load
from factsheet.ingest.load import load_paths
from factsheet.model import Article
from factsheet.rules.loader import load_rules

MB = 1024 * 1024
GOOD = "Harbour Strike Ends\nDock workers returned to work on Monday, the union said.\n"
# A reason says what is wrong and what to do about it.
FIX = re.compile(r"\b(save|split|give|remove|fix|raise|copy|check|chmod|flatten|use|grant|rename)\b", re.I)
MARKER = "factsheet-hostile-marker"  # a file a YAML tag would create if it ran
SECRET = "factsheet-secret-outside"  # text of a file outside the article folder


def run_build(inputs: list[str], out: Path, **kw: object) -> BuildResult:
    """build() in this process (jobs=1 where the pipeline offers jobs), so instruments see everything."""
    if "jobs" in inspect.signature(build).parameters:
        kw.setdefault("jobs", 1)
    return build(inputs, out, **kw)  # type: ignore[arg-type]


# --- the zoo -----------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    name: str  # file name in the zoo
    make: Callable[[Path], None]  # writes the file (or link, pipe, ...)
    expect: str  # "used", "skipped" or "either"
    reason: str = ""  # regular expression the skip reason must match
    check: Callable[[Article], None] | None = None  # more about the loaded article


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _text(text: str) -> Callable[[Path], None]:
    return lambda p: p.write_text(text, encoding="utf-8")


def _big(size: int) -> Callable[[Path], None]:
    def make(p: Path) -> None:
        line = b"The port authority said on Monday that the cranes were back in service.\n"
        with p.open("wb") as fh:
            fh.write(line * (size // len(line)))
            fh.write(b"x" * (size % len(line)))
    return make


def _link(target: str) -> Callable[[Path], None]:
    return lambda p: p.symlink_to(target)


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _unreadable(p: Path) -> None:
    p.write_text("The locksmith said on Friday that the vault would stay shut until spring.\n", encoding="utf-8")
    p.chmod(0)


def _outside(p: Path) -> None:
    secret = p.parent.parent / "outside" / "secret.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(f"{SECRET}: the key to the building is under the mat, the caretaker said.\n",
                      encoding="utf-8")
    p.symlink_to(secret)


def _linked_dir(p: Path) -> None:
    target = p.parent.parent / "elsewhere"
    target.mkdir(exist_ok=True)
    (target / "more.txt").write_text(GOOD, encoding="utf-8")
    p.symlink_to(target, target_is_directory=True)


def _no_nul(a: Article) -> None:
    assert "\x00" not in a.text and "\ufeff" not in a.text


def _has(fragment: str) -> Callable[[Article], None]:
    def check(a: Article) -> None:
        assert fragment in a.text
    return check


def _safe_id(a: Article) -> None:
    assert a.id == load.safe_id(a.id)
    assert "/" not in a.id and "\\" not in a.id and not a.id.startswith(".")


def _inert_meta(a: Article) -> None:
    _safe_id(a)
    assert a.title is None or len(a.title) < 1000


SCRIPT_TEXT = (
    "Markup Test\n"
    "The council said <script>alert('x')</script> the vote would be held on Monday.\n"
    "A spokesman said <img src=file:///etc/passwd> was attached to the letter sent on Tuesday.\n"
    "The mayor said the link javascript:alert(document.cookie) was a prank by students.\n"
    "Officials said <a href=\"javascript:alert(1)\">this link</a> and "
    "<iframe src=\"http://127.0.0.1:9/\"></iframe> were removed.\n"
)

CASES: list[Case] = [
    Case("good.txt", _text(GOOD), "used"),
    Case("empty.txt", _bytes(b""), "skipped", r"empty file"),
    Case("whitespace.txt", _bytes(b" \n\t\r\n  \n"), "skipped", r"empty file"),
    Case("binary.txt", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64), "skipped", r"binary data"),
    Case("photo.png", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), "skipped", r"not an article format"),
    Case("latin1.txt", _bytes("Le maire a déclaré lundi que le pont rouvrira en mai.\n".encode("latin-1")),
         "used", check=_has("déclaré")),
    Case("mixed_encodings.txt", _bytes("Der Bürgermeister sagte am Montag, die Brücke öffne. ".encode()
                                       + "Le maire a déclaré que le pont rouvrira.".encode("latin-1")
                                       + " Москва заявила, что мост откроется.\n".encode("cp1251")), "used"),
    Case("invalid_utf8.txt", _bytes(b"The minister said \xe2\x82 the talks \xff\xfe\xfd failed on Monday "
                                    b"\xc3\x28 after \xf0\x28\x8c\xbc hours.\n"), "used"),
    Case("nul_bytes.txt", _bytes(b"The mayor\x00 said on Monday\x00 that the bridge would reopen in May.\n"),
         "used", check=_no_nul),
    Case("nul_heavy.txt", _bytes("The mayor said the bridge would reopen.".encode("utf-16-le")), "skipped",
         r"binary data"),
    Case("utf16_bom.txt", _bytes("The ranger said on Sunday that the park trails would reopen in April.\n"
                                 .encode("utf-16")), "used", check=_has("trails would reopen")),
    Case("bom_utf8.txt", _bytes(b"\xef\xbb\xbfThe mayor said the bridge would reopen in May after repairs.\n"),
         "used", check=_no_nul),
    Case("rtl_bidi.txt", _text("Border Talks\n\u202eThe minister said\u202c on Monday that "
                               "\u05e9\u05dc\u05d5\u05dd \u0627\u0644\u0633\u0644\u0627\u0645 \u200f talks "
                               "would resume in Cairo.\n\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 "
                               "\u0625\u0646 \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0627\u062a "
                               "\u0633\u062a\u0633\u062a\u0623\u0646\u0641.\n"), "used"),
    Case("combining.txt", _text("Z" + "\u0336\u0301\u0302\u0489" * 2500 + "alko said on Monday that the "
                                "cafe\u0301 and the nai\u0308ve plan would go ahead.\n"), "used"),
    Case("long_sentence.txt", _text("The minister said that " + "the committee reviewed another clause and "
                                    * 2400 + "nothing changed.\n"), "used",
         check=lambda a: assert_longest_line(a, 100_000)),
    Case("quotes.txt", _text("Quote Storm\nThe spokesman said on Monday " + "“no” «non» " * 1250 + "\"\n"
                             + "\"" * 5_000 + "\n"), "used"),  # 10,000 quote marks
    Case("script.txt", _text(SCRIPT_TEXT), "used"),
    Case("front_matter_unsafe.md", _text(
        "---\nid: ../../etc/passwd\ntitle: \"<script>alert('title')</script>\"\n"
        "outlet: \"<img src=x onerror=alert(1)>\"\nurl: \"javascript:alert('url')\"\npublished: 2026-02-03\n---\n"
        "The harbour master said on Tuesday that two cranes had collapsed overnight.\n"), "used",
        check=_inert_meta),
    Case("front_matter_bomb.md", _text(
        "---\ntitle: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nid: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n"
        "The fire brigade said on Monday that the warehouse blaze was under control.\n"), "used",
        check=_inert_meta),
    Case("front_matter_python.md", _text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {MARKER}']\n"
        f"id: !!python/object/apply:os.getcwd []\n---\n"
        "The ferry operator said on Monday that sailings would resume on Friday.\n"), "used", check=_inert_meta),
    Case("front_matter_deep.md", _text("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n"
                                       "The airport said on Monday that flights had resumed after the storm.\n"),
         "used", check=_inert_meta),
    Case("far_past.md", _text("---\npublished: 0001-01-01\n---\nThe museum said yesterday that the vase "
                              "would be returned last month and again next year.\n"), "used"),
    Case("far_future.md", _text("---\npublished: 9999-12-31\n---\nThe museum said tomorrow that the vase "
                                "will be returned on Monday and again next year.\n"), "used"),
    Case("CON.txt", _text("The court said on Monday that the hearing would be moved to June.\n"), "used",
         check=_safe_id),
    Case("aux.md", _text("The council said on Monday that the market would close for repairs.\n"), "used",
         check=_safe_id),
    Case("big_50mb.txt", _big(50 * MB), "skipped", r"over the limit of 1,000,000.*FACTSHEET_MAX_ARTICLE_CHARS"),
    Case("big_over_50mb.txt", _big(50 * MB + 1), "skipped",
         r"52,428,801 bytes, over the limit of 52,428,800 \(50 MB\).*FACTSHEET_MAX_FILE_BYTES"),
    Case("deep.html", _text("<html><body>" + "<div>" * 100_000 + "<p>The minister said on Monday that the "
                            "border would reopen for trade next week.</p>" + "</div>" * 100_000
                            + "</body></html>"), "either", r"page|text|nested|deep"),
    Case("deep.json", _text("[" * 100_000 + "]" * 100_000), "skipped", r"nested too deeply"),
    Case("hostile.json", _text(json.dumps({
        "title": "<script>alert('json')</script>", "maintext": SCRIPT_TEXT.split("\n", 1)[1],
        "url": "javascript:alert('json-url')", "source_domain": "<b>evil</b>", "date_publish": "2026-02-03"})),
        "used", check=_safe_id),
    Case("pipe.txt", _fifo, "skipped", r"not a regular file"),
    Case("loop.txt", _link("loop.txt"), "skipped", r"symbolic link loop"),
    Case("broken_link.txt", _link("does-not-exist.txt"), "skipped", r"broken symbolic link"),
    Case("outside_link.txt", _outside, "skipped", r"outside the input folder"),
    Case("linked_folder", _linked_dir, "skipped", r"link to a folder"),
    Case("unreadable.txt", _unreadable, "either", r"permission denied"),
    Case("good_copy.txt", _text(GOOD), "skipped", r"duplicate"),
]


def assert_longest_line(article: Article, at_least: int) -> None:
    assert max(len(line) for line in article.text.split("\n")) >= at_least


@dataclass
class Zoo:
    folder: Path
    out: Path
    result: BuildResult
    doc: dict[str, object]
    fetched: list[str]
    connects: list[object]

    def outcome(self, name: str) -> tuple[str, str, Article | None]:
        path = os.path.normpath(self.folder / name)
        used = [i.article for i in self.result.briefing.articles if os.path.normpath(i.article.path) == path]
        skipped = [s.reason for s in self.result.briefing.skipped if os.path.normpath(s.path) == path]
        assert len(used) + len(skipped) == 1, f"{name}: used {len(used)} times, skipped {len(skipped)} times"
        return ("used", "", used[0]) if used else ("skipped", skipped[0], None)


@contextlib.contextmanager
def instrumented() -> Iterator[tuple[list[str], list[object]]]:
    """Record every URL WeasyPrint really fetches and every network connection attempted."""
    from weasyprint import urls

    fetched: list[str] = []
    connects: list[object] = []
    original = urls.URLFetcher.fetch

    def fetch(self: object, url: str, headers: object = None) -> object:
        fetched.append(url)
        return original(self, url, headers)  # type: ignore[arg-type]

    def connect(self: socket.socket, address: object) -> None:
        connects.append(address)
        raise OSError("the hostile-input tests allow no network connection")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(urls.URLFetcher, "fetch", fetch)
        mp.setattr(socket.socket, "connect", connect)
        yield fetched, connects


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Zoo:
    base = tmp_path_factory.mktemp("zoo")
    folder = base / "articles"
    folder.mkdir()
    for case in CASES:
        case.make(folder / case.name)
    with instrumented() as (fetched, connects):
        result = run_build([str(folder)], base / "out")
    doc = json.loads((base / "out" / "facts.json").read_text(encoding="utf-8"))
    return Zoo(folder, base / "out", result, doc, fetched, connects)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_file_is_used_or_skipped_with_a_reason(zoo: Zoo, case: Case) -> None:
    what, reason, article = zoo.outcome(case.name)
    if case.name == "unreadable.txt" and os.access(zoo.folder / case.name, os.R_OK):
        # root reads a mode-000 file: honestly used; test_unreadable_file_is_skipped_* covers the refusal
        assert what == "used"
        return
    if case.expect != "either":
        assert what == case.expect, f"{case.name}: {what} ({reason})"
    if what == "skipped":
        assert re.search(case.reason, reason), f"{case.name}: {reason!r}"
        assert FIX.search(reason), f"{case.name}: the reason says no fix: {reason!r}"
    elif case.check is not None:
        assert article is not None
        case.check(article)


def test_inputs_given_equal_articles_used_plus_skipped(zoo: Zoo) -> None:
    given = {os.path.normpath(zoo.folder / c.name) for c in CASES}
    used = [os.path.normpath(a["path"]) for a in zoo.doc["articles"]]  # type: ignore[index, union-attr]
    skipped = [os.path.normpath(s["path"]) for s in zoo.doc["skipped"]]  # type: ignore[index, union-attr]
    assert len(used) + len(skipped) == len(given)
    assert set(used) | set(skipped) == given
    assert not set(used) & set(skipped)


def test_skipped_inputs_are_listed_in_the_briefing(zoo: Zoo) -> None:
    html = (zoo.out / "briefing.html").read_text(encoding="utf-8")
    for s in zoo.result.briefing.skipped:
        assert Path(s.path).name in html


def test_no_text_comes_through_a_link_out_of_the_folder(zoo: Zoo) -> None:
    for name in OUTPUTS:
        assert SECRET.encode() not in (zoo.out / name).read_bytes()


def test_no_yaml_tag_ran_python(zoo: Zoo) -> None:
    assert not list(zoo.folder.parent.rglob(f"*{MARKER}*"))
    assert not Path(MARKER).exists()


def test_nul_bytes_and_byte_order_marks_never_reach_the_outputs(zoo: Zoo) -> None:
    for name in ("facts.json", "briefing.html"):
        text = (zoo.out / name).read_text(encoding="utf-8")
        assert "\x00" not in text and "\\u0000" not in text and "\ufeff" not in text


def test_citations_slice_back_even_in_hostile_text(zoo: Zoo) -> None:
    texts = {i.article.id: i.article.text for i in zoo.result.briefing.articles}
    assert zoo.result.briefing.facts
    for fact in zoo.result.briefing.facts:
        for c in fact.citations:
            assert texts[c.article][c.start:c.end] == c.text


# --- rendering: article text never becomes markup, the PDF fetches nothing --------

class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_article_markup_and_urls_stay_inert_in_the_html(zoo: Zoo) -> None:
    html = (zoo.out / "briefing.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "iframe", "img", "object", "embed"}, tags
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            v = (value or "").strip().lower()
            assert not v.startswith(("javascript:", "file:", "data:", "vbscript:")), (tag, name, value)
    assert "&lt;script&gt;" in html  # the text is shown, escaped, not dropped


def test_pdf_renderer_fetches_nothing_outside_the_templates(zoo: Zoo) -> None:
    from factsheet.resources import builtin_dir

    root = builtin_dir("templates").resolve().as_uri()
    assert all(url.startswith(root) for url in zoo.fetched), zoo.fetched
    assert zoo.connects == []


def test_pdf_attaches_nothing_an_article_names(zoo: Zoo) -> None:
    import pypdf

    reader = pypdf.PdfReader(zoo.out / "briefing.pdf")
    assert set(reader.attachments) <= {"facts.json"}
    assert b"root:x:0:0" not in (zoo.out / "briefing.pdf").read_bytes()


# --- paths and permissions --------------------------------------------------------

def test_unsafe_ids_never_leave_the_output_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n, unsafe in enumerate(["../../escaped", "/tmp/absolute", "CON", "..", "a/b\\c", "x" * 400]):
        (src / f"a{n}.md").write_text(f"---\nid: \"{unsafe}\"\n---\nThe mayor said on Monday that bridge "
                                      f"number {n} would reopen in May after repairs.\n", encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    result = run_build([str(src)], tmp_path / "out")
    ids = [i.article.id for i in result.briefing.articles]
    assert len(ids) == 6 and all(i == load.safe_id(i) and "/" not in i for i in ids)
    assert all(len(i) <= load.MAX_ID_CHARS for i in ids)
    created = {p for p in tmp_path.rglob("*")} - before
    assert created == {tmp_path / "out", *(tmp_path / "out" / n for n in OUTPUTS)}


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o000])
def test_outputs_get_safe_permissions(tmp_path: Path, umask: int) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    old = os.umask(umask)
    try:
        run_build([str(src)], tmp_path / "out")
    finally:
        os.umask(old)
    for name in OUTPUTS:
        mode = stat.S_IMODE((tmp_path / "out" / name).stat().st_mode)
        assert mode == 0o666 & ~umask & ~0o002, (name, oct(mode))


def test_no_shell_or_subprocess_is_ever_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kw: object) -> None:
        raise AssertionError(f"a process was started: {args!r}")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(os, "popen", refuse)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SCRIPT_TEXT.replace("Markup Test", "$(touch pwned); `id` | rm -rf /"),
                               encoding="utf-8")
    (src / "$(touch pwned);.txt").write_text(GOOD, encoding="utf-8")
    run_build([str(src)], tmp_path / "out")
    assert not (tmp_path / "pwned").exists()
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(load.__file__).parent.parent.rglob("*.py"))
    assert not re.search(r"shell\s*=\s*True|os\.system\(|os\.popen\(|\bsubprocess\b", source)


# --- named inputs that are not plain files --------------------------------------

def test_hostile_named_inputs_are_each_accounted_for(tmp_path: Path) -> None:
    (tmp_path / "tree" / "sub").mkdir(parents=True)
    (tmp_path / "tree" / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "tree" / "sub" / "up").symlink_to("..", target_is_directory=True)
    (tmp_path / "tree" / "sub" / "self").symlink_to(".", target_is_directory=True)
    (tmp_path / "loop").symlink_to("loop")
    os.mkfifo(tmp_path / "pipe.txt")
    inputs = [str(tmp_path / "tree" / "**" / "*.txt"), str(tmp_path / "loop"), str(tmp_path / "pipe.txt"),
              str(tmp_path / "missing.txt"), str(tmp_path / "nothing-*.txt"), str(tmp_path / "loop"),
              str(tmp_path / "tree" / "sub" / "a.txt")]  # the last two: given twice, counted once
    loaded = load_paths(inputs)
    assert [a.id for a in loaded.articles] == ["a"]
    reasons = {Path(s.path).name: s.reason for s in loaded.skipped}
    assert sorted(reasons) == sorted(Path(s.path).name for s in loaded.skipped)  # each once
    assert set(reasons) == {"loop", "pipe.txt", "missing.txt", "nothing-*.txt"}
    assert "loop" in reasons["loop"] and "not a regular file" in reasons["pipe.txt"]
    assert all(FIX.search(r) for r in reasons.values()), reasons


def test_unreadable_file_is_skipped_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection, so the refusal is tested even as root (who can read a mode-000 file)."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(GOOD.replace("Monday", "Tuesday"), encoding="utf-8")
    real_open = os.open

    def guarded(path: object, flags: int, *args: object, **kw: object) -> int:
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded)
    loaded = load_paths([str(tmp_path)])
    assert [a.id for a in loaded.articles] == ["a"]
    [skip] = loaded.skipped
    assert skip.path.endswith("locked.txt") and "permission denied" in skip.reason and "chmod" in skip.reason


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: mode 000 does not stop root reading; "
                           "test_unreadable_file_is_skipped_with_the_fix injects the error instead")
def test_unreadable_file_is_skipped_for_real(tmp_path: Path) -> None:
    (tmp_path / "locked.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked.txt").chmod(0)
    loaded = load_paths([str(tmp_path)])
    assert loaded.articles == [] and "permission denied" in loaded.skipped[0].reason


def test_unlistable_folder_is_reported_not_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "b.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def guarded(path: object = ".") -> object:
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", guarded)
    loaded = load_paths([str(tmp_path)])
    assert [a.id for a in loaded.articles] == ["a"]
    [skip] = loaded.skipped
    assert skip.path.endswith("closed") and "cannot list the folder" in skip.reason


@pytest.mark.timeout(120)
def test_twenty_thousand_tiny_files(tmp_path: Path) -> None:
    """The million-file case is run by hand (docs/reliability.md); 20,000 keep CI quick."""
    folder = tmp_path / "many"
    folder.mkdir()
    n = 20_000
    for i in range(n):
        body = b"" if i % 10 == 0 else f"Official {i} said bridge {i} will reopen in May.\n".encode()
        (folder / f"a{i:05d}.txt").write_bytes(body)
    loaded = load_paths([str(folder)])
    assert len(loaded.articles) + len(loaded.skipped) == n
    assert len(loaded.skipped) == n // 10 and all("empty file" in s.reason for s in loaded.skipped)


def test_a_flood_of_skipped_inputs_is_summed_up_in_the_briefing() -> None:
    """20,000 junk files made a 505-page PDF (210 s); the briefing lists 1,000 and counts the rest."""
    from factsheet.model import Briefing, Skipped
    from factsheet.render import document as render
    from factsheet.resources import builtin_dir

    skipped = tuple(Skipped(f"in/a{i:05d}.txt", "empty file; remove it") for i in range(20_000))
    html = render.render_html(Briefing("Flood", (), skipped, (), "undated"), builtin_dir("templates"))
    assert html.count("in/a0") == 1000 and "in/a00999.txt" in html and "in/a01000.txt" not in html
    assert "and 19,000 more inputs not used; facts.json lists every one" in html


# --- hostile rule files: refused with a clear message, nothing run ------------------

RULE = """version: 1
rules:
  - id: said
    kind: statement
    phrases:
      - '{who} said {claim}'
"""
BOMB = ("version: 1\nrules: &a [[*a]]\nx: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 9)))

HOSTILE_RULES: list[tuple[str, str | bytes, str]] = [
    ("alias bomb", BOMB, r"anchors|aliases"),
    ("python object tag", RULE.replace("kind: statement", f"kind: !!python/object/apply:os.system ['touch {MARKER}']"),
     r"tags like '!!python/object/apply:os.system' are not allowed"),
    ("python name tag", RULE + "extra: !!python/name:os.system\n", r"tags like '!!python/name:os.system'"),
    ("huge file", RULE + ("# " + "x" * 1000 + "\n") * 1100, r"larger than 1024 KB"),
    ("deep nesting", RULE + "deep: " + "[" * 50_000 + "]" * 50_000 + "\n", r"nests .* too deeply"),
    ("NUL byte", RULE.replace("said {claim}", "said\x00 {claim}"), r"character YAML does not allow"),
    ("binary file", bytes(range(256)) * 8, r"not UTF-8|character|YAML"),
    ("catastrophic regex", RULE + "    regex:\n      - '(?P<claim>(a|aa)+)$'\n", r"regular expression"),
    ("placeholder starting with a digit (fuzz finding)", RULE.replace("said {claim}", "said {2nd} {claim}"),
     r"placeholder names start with a letter"),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("text,message", [c[1:] for c in HOSTILE_RULES], ids=[c[0] for c in HOSTILE_RULES])
def test_hostile_rule_files_are_refused_clearly(tmp_path: Path, text: str | bytes, message: str) -> None:
    path = tmp_path / "rules.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([path])
    first = str(err.value).splitlines()[0]
    assert re.search(message, first), first
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", first), first
    assert not Path(MARKER).exists() and not (tmp_path / MARKER).exists()


HOSTILE_PROJECT: list[tuple[str, str, str]] = [
    ("alias bomb", "inputs: &a [a, a, a]\nout: {folder: *a}\n", r"anchors|aliases"),
    ("python tag", f"out: !!python/object/apply:os.system ['touch {MARKER}']\n", r"tags like '!!python"),
    ("deep nesting", "inputs: " + "[" * 20_000 + "]" * 20_000 + "\n", r"nests .* too deeply"),
    ("NUL byte", "inputs: [a\x00]\n", r"character YAML does not allow"),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("text,message", [c[1:] for c in HOSTILE_PROJECT], ids=[c[0] for c in HOSTILE_PROJECT])
def test_hostile_project_files_are_refused_clearly(tmp_path: Path, text: str, message: str) -> None:
    from factsheet.build.config import load_project

    path = tmp_path / "factsheet.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_project(path)
    first = str(err.value).splitlines()[0]
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", first) and re.search(message, first), first
    assert not (tmp_path / MARKER).exists() and not Path(MARKER).exists()


@pytest.mark.timeout(60)
def test_a_slow_regex_that_passes_the_checks_cannot_hang_the_build(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """(x|xx)+\\d passes the rule checks' probes but backtracks on runs of x: time limits stop it."""
    from factsheet.extract.mentions import extract_article

    path = tmp_path / "rules.yaml"
    path.write_text(RULE + "    regex:\n      - '(?P<claim>(x|xx)+\\d)'\n", encoding="utf-8")
    rules = load_rules([path])
    text = "\n".join(f"Report {n} said " + "x" * 32 + " and nothing else." for n in range(400))
    with caplog.at_level(logging.WARNING, logger="factsheet.extract"):
        mentions = extract_article(Article("slow", "slow.txt", text), rules)
    assert "time budget is spent" in caplog.text
    assert all(text[m.citation.start:m.citation.end] == m.citation.text for m in mentions)


def test_a_sentence_too_long_for_the_phrase_rules_is_still_a_fact_candidate(tmp_path: Path) -> None:
    from factsheet.extract import split
    from factsheet.extract.mentions import extract_article
    from factsheet.resources import builtin_dir

    rules = load_rules([builtin_dir("rules")])
    long = "The minister said that " + "the committee reviewed a clause and " * 300 + "nothing changed."
    assert len(long) > split.MAX_SENTENCE_CHARS
    mentions = extract_article(Article("long", "long.txt", long + "\n"), rules)
    assert [m.rule for m in mentions] == ["report"]  # the any-sentence rule, not a phrase rule
    assert mentions[0].citation.text == long


# --- limits: documented and configurable ----------------------------------------------

def test_limits_can_be_changed_by_a_program(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    saved = limits.current()
    try:
        limits.configure(max_article_chars=20)
        [skip] = load_paths([str(tmp_path)]).skipped
        assert "over the limit of 20" in skip.reason
        with pytest.raises(ValueError, match="unknown limit"):
            limits.configure(max_articel_chars=5)
    finally:
        limits.configure(**saved)
    assert limits.current() == saved


def test_limits_can_be_changed_by_the_environment(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("x" * 300 + "\n", encoding="utf-8")
    env = {**os.environ, "FACTSHEET_MAX_FILE_BYTES": "200", "FACTSHEET_REGEX_TIMEOUT": "soon"}
    result = subprocess.run([sys.executable, "-m", "factsheet.cli", "build", str(tmp_path / "in"), "--out",
                             str(tmp_path / "out"), "--jobs", "1"], capture_output=True, text=True, env=env,
                            check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "FACTSHEET_REGEX_TIMEOUT='soon' is not a positive number; using 0.05" in result.stderr
    doc = json.loads((tmp_path / "out" / "facts.json").read_text(encoding="utf-8"))
    assert [Path(s["path"]).name for s in doc["skipped"]] == ["b.txt"]
    assert "FACTSHEET_MAX_FILE_BYTES" in doc["skipped"][0]["reason"]


def test_every_limit_is_documented() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    for limit in limits.LIMITS:
        assert limit.env in doc, f"{limit.env} is not in docs/reliability.md"
