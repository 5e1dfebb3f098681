"""Property tests: the loader, splitter, date resolver, rule loader and extraction on any input.

Hypothesis makes the inputs (random bytes, text built from the pieces news
copy is made of, YAML-ish rule files); each property says what must hold for
every one of them: never a crash other than the documented refusal, and
offsets that always slice back to the text they name. Settings are modest so
CI stays quick; bench/fuzz_inputs.py runs the same targets at scale by hand.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet.errors import RuleError
from factsheet.extract import dates
from factsheet.extract.mentions import extract_article
from factsheet.extract.split import quote_state, sentence_spans, split_article
from factsheet.ingest import load
from factsheet.ingest.load import decode, load_text, safe_id
from factsheet.ingest.reading import ArticleSkip
from factsheet.model import Article
from factsheet.resources import builtin_dir
from factsheet.rules import strict_yaml
from factsheet.rules.loader import load_rules
from factsheet.rules.phrases import latin

MODEST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULES = load_rules([builtin_dir("rules")])
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# The pieces news copy is made of, plus the characters that break naive code.
WORDS = st.sampled_from([
    "The", "minister", "said", "told", "reporters", "that", "President", "Ana", "Silva", "U.S.", "Mr.", "Gen.",
    "on", "Monday", "last", "week", "in", "September", "2025", "12", "December", "yesterday", "will", "according",
    "to", "police", "officials", "warned", "No.", "5", "e.g.", "...", "…", "—", "–", "(AP)", "Reuters", "said:",
])
PUNCT = st.sampled_from([".", ",", ";", ":", "!", "?", "...", "…", '"', "“", "”", "‘", "’", "«", "»", "„",
                         "'", "(", ")", "[", "]", "-", "\u200f", "\u202e", "\u0301", "\ufeff", "\t", " ", "  "])
PIECE = st.one_of(WORDS, PUNCT, st.text(max_size=6))
SEP = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", "\r", ""])


@st.composite
def news_text(draw: st.DrawFn, max_pieces: int = 60) -> str:
    pieces = draw(st.lists(st.tuples(PIECE, SEP), max_size=max_pieces))
    return "".join(p + s for p, s in pieces)


# --- loader ----------------------------------------------------------------------

@MODEST
@given(st.one_of(st.binary(max_size=2000), news_text().map(lambda t: t.encode("utf-8", "surrogatepass")),
                 news_text().map(lambda t: t.encode("utf-16")),
                 st.text(max_size=200).map(lambda t: t.encode("latin-1", "replace"))))
def test_decode_gives_clean_text_or_a_reason(raw: bytes) -> None:
    try:
        text = decode(raw)
    except ArticleSkip as why:
        assert str(why)
        return
    assert isinstance(text, str)
    assert "\x00" not in text and "\r" not in text and "\ufeff" not in text


FRONT = st.one_of(
    st.just(""),
    st.builds(lambda body: f"---\n{body}\n---\n", st.text(max_size=120)),
    st.builds(lambda k, v: f"---\n{k}: {v}\n---\n", st.sampled_from(["title", "id", "published", "url", "authors",
                                                                      "date", "outlet"]),
              st.one_of(st.text(max_size=40), st.sampled_from(["2025-12-10", "0001-01-01", "9999-12-31", "[a, b]",
                                                                "{x: 1}", "&a x", "*a", "!!python/name:os.system",
                                                                "../../etc/passwd", "null", "no"]))),
    st.builds(lambda d: f"date {d} ", st.sampled_from(["2025-12-10", "2025-02-30", "0000-00-00"])),
)


@MODEST
@given(FRONT, news_text())
def test_load_text_keeps_the_body_or_gives_a_reason(front: str, body: str) -> None:
    text = load.normalise(front + body)
    try:
        article = load_text(Path("article.txt"), text)
    except ArticleSkip as why:
        assert str(why)
        return
    assert text.endswith(article.text) and article.text.strip()
    assert article.published is None or isinstance(article.published, date)
    assert isinstance(article.id, str) and article.id


@MODEST
@given(st.text(max_size=300))
def test_safe_ids_are_safe_and_stable(raw: str) -> None:
    safe = safe_id(raw)
    assert safe and safe == safe_id(safe)
    assert len(safe) <= load.MAX_ID_CHARS
    assert not re.search(r'[\x00-\x1f\x7f/\\:*?"<>|]', safe) and not safe.startswith(".")
    if re.fullmatch(r"[A-Za-z0-9][\w-]{0,60}", raw) and not re.fullmatch(r"con|prn|aux|nul|com\d|lpt\d", raw, re.I):
        assert safe == raw  # ordinary file stems are left alone


# --- sentence splitter --------------------------------------------------------------

def _well_formed(spans: list[tuple[int, int]], n: int) -> None:
    last = 0
    for s, e in spans:
        assert last <= s < e <= n, (spans, n)
        last = e


@MODEST
@given(news_text())
def test_sentence_spans_are_in_bounds_ordered_and_disjoint(block: str) -> None:
    _well_formed(sentence_spans(block), len(block))


@MODEST
@given(news_text(max_pieces=120))
def test_split_sentences_slice_back_to_their_text(text: str) -> None:
    text = load.normalise(text)
    sentences = split_article(Article("a", "a.txt", text))
    _well_formed([(s.start, s.end) for s in sentences], len(text))
    for n, s in enumerate(sentences):
        assert text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
        assert s.index == n


@MODEST
@given(news_text(), st.booleans())
def test_quote_spans_are_in_bounds(text: str, open_before: bool) -> None:
    inside, spans = quote_state(text, open_before)
    assert inside in ("", '"', "'")
    last = 0
    for s, e in spans:
        assert last <= s <= e <= len(text)
        last = e


# --- dates ------------------------------------------------------------------------

@MODEST
@given(news_text(), st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max])))
def test_dates_never_crash_and_are_valid(text: str, anchor: date | None) -> None:
    for ref in dates.find_dates(text):
        assert text[ref.start:ref.end] == ref.text
        value = dates.resolve(ref, anchor)
        if value is None:
            continue
        assert ISO.fullmatch(value.value), value
        parts = [int(p) for p in value.value.split("-")]
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)  # a real day
        assert value.grain == ("year", "month", "day")[len(parts) - 1]


# --- rule loader ------------------------------------------------------------------------

YAMLISH = st.lists(st.one_of(
    st.sampled_from(["version: 1", "rules:", "  - id: r", "    kind: statement", "    phrases:",
                     "      - '{who} said {claim}'", "    regex:", "      - '(?P<claim>.+)'", "      - '(a|aa)+$'",
                     "    slots:", "      who: {type: actor}", "&a x", "*a", "!!python/object:os.system",
                     "- [", "{", "}", "]", "? a", ": b", "<<: *a", "\t- tab", "---", "...", "%YAML 1.1",
                     "version: 2", "rules: []", "aliases: {a: [b]}"]),
    st.text(max_size=30)), max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(YAMLISH, st.text(max_size=300)))
def test_rule_loader_refuses_with_rule_error_only(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_rules([path])
        except RuleError as err:
            assert all(line.startswith(str(path)) for line in str(err).splitlines() if line.strip())


@MODEST
@given(st.one_of(YAMLISH, st.text(max_size=300)))
def test_strict_yaml_reports_problems_instead_of_raising(text: str) -> None:
    loaded = strict_yaml.read(text)
    for problem in loaded.problems:
        assert problem.mark.line >= 1 and problem.mark.column >= 1 and problem.message


# --- extraction ------------------------------------------------------------------------

SENTENCE = st.one_of(
    st.builds(lambda w, c, d: f"{w} said {d} that {c}.", st.sampled_from(["The minister", "Ana Silva", "He",
                                                                         "Police", "The U.S. envoy"]),
              news_text(max_pieces=12), st.sampled_from(["on Monday", "last week", "in September", ""])),
    st.builds(lambda c, w: f"“{c},” {w} said.", news_text(max_pieces=12),
              st.sampled_from(["the mayor", "she", "officials"])),
    news_text(max_pieces=25),
)


@MODEST
@given(st.lists(st.tuples(SENTENCE, st.sampled_from([" ", "\n", "\n\n"])), min_size=1, max_size=12),
       st.one_of(st.none(), st.dates()))
def test_citation_offsets_always_slice_back_to_the_cited_text(parts: list[tuple[str, str]],
                                                              published: date | None) -> None:
    text = load.normalise("".join(s + sep for s, sep in parts))
    article = Article("a", "a.txt", text, published=published)
    for mention in extract_article(article, RULES):
        c = mention.citation
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start:c.end] == c.text and c.article == "a"


@given(st.text(alphabet="[]A-Za-z()?:+*", max_size=40))
def test_latin_ranges_widen_once_and_only_the_ascii_letter_ranges(pattern: str) -> None:
    widened = latin(pattern)
    assert latin(widened) == widened
    assert widened.replace("A-ZÀ-ÖØ-ÞĀ-Ž", "A-Z").replace("a-zß-öø-ÿā-ž", "a-z") == pattern


@given(st.sampled_from("ÁÉÍÓÚÑÖÜÇØÅŁŠŽČĆŚŹŻ"))
def test_a_latin_capital_is_a_capital_to_the_name_patterns(capital: str) -> None:
    assert re.fullmatch(latin("[A-Z][a-z]+"), capital + capital.lower() + "ro")
