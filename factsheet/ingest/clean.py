"""Clean what real crawls hand us, before any sentence gets an offset.

Saved pages and crawler output come in many encodings, with Windows line
endings, non-breaking spaces, mojibake ("itâ€™s"), the headline repeated as
the first paragraph and bylines or "Updated: ..." stamps above the story.
None of that is a fact, so it is cleaned here, once; everything downstream
cites the cleaned text, so offsets still slice back to verbatim sentences.

Curly quotes are kept as they are: they are the article's own wording and the
sentence splitter already treats straight and curly marks alike. Only
mis-decoded quotes (mojibake) are repaired.

Two files holding the same article (same URL, or the same text with no
outlet or URL telling them apart) are counted once: the later one is listed
as skipped, "duplicate of <id>". The same text under two outlets is a reprint,
not a duplicate, and stays (copies.py counts it once as corroboration).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit

from factsheet.ingest.reading import ArticleSkip
from factsheet.model import Article, Skipped

# --- encodings ---------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13})) + b"\x7f"
# What browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are read as windows-1252.
_WEB_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}


def decode_bytes(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes to text, and how the encoding was found ("utf-8", "cp1252 (declared)", ...).

    A byte-order mark wins, then a charset the file declares (if the bytes
    really decode with it), then UTF-8, then detection. Nothing is assumed.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(name), f"{name} (byte-order mark)"
            except UnicodeDecodeError:
                break
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if raw.count(b"\x00") > max(8, len(raw) // 100) or controls > max(8, len(raw) // 20):
        raise ArticleSkip("binary data, not text; give the article as text, HTML or JSON")
    codec = _codec(declared)
    if codec and codec != "utf_8":
        try:
            return raw.decode(codec), f"{codec} (declared)"
        except UnicodeDecodeError:
            pass  # the label lies: fall back to UTF-8, then detection
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(raw)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def _detect(raw: bytes) -> tuple[str, str]:
    """charset-normalizer's guess, preferring windows-1252 when it reads just as well.

    Short Western text decodes without errors in several code pages; the
    detector may then pick cp1250 and turn "naïve" into "naďve". Browsers
    default to windows-1252 for such text, and so do we, unless windows-1252
    turns letters into symbols ("rz¹d" for Polish "rząd").
    """
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ArticleSkip("not UTF-8 and no charset could be detected; save the file as UTF-8")
    text = str(best)
    if best.encoding != "cp1252":
        try:
            western = raw.decode("cp1252")
        except UnicodeDecodeError:
            return text, f"{best.encoding} (detected)"
        if _letters(western) >= _letters(text) and _lookalike(western, text):
            return western, "cp1252 (detected)"
    return text, f"{best.encoding} (detected)"


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _lookalike(western: str, other: str) -> bool:
    """The code pages agree on at least half the non-ASCII characters: the text is Western, not Cyrillic or Greek."""
    if len(western) != len(other):
        return False
    foreign = [(a, b) for a, b in zip(western, other, strict=True) if ord(a) > 127 or ord(b) > 127]
    return sum(a != b for a, b in foreign) * 2 <= len(foreign)


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I)


def declared_charset(raw: bytes) -> str | None:
    """The charset a web page names in its first few kilobytes (meta tag or XML prolog)."""
    head = raw[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


# --- characters --------------------------------------------------------------

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\x00"), None)
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MOJIBAKE = re.compile(r"[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def tidy(text: str) -> str:
    """Line endings, odd spaces, invisible characters and mojibake; words stay as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE.search(text):
        import ftfy

        text = ftfy.fix_encoding(text)
    text = text.translate(_SPACES).translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


# --- the top of the story: repeated headline, bylines, time stamps -----------

_BYLINE = re.compile(
    r"^(?:by|written by|words by|von|par|por)\s+[\w.'’-]+(?:[ ,]+(?:and\s+)?[\w.'’-]+){0,8}$", re.I)
_STAMP = re.compile(
    r"^(?:[\w .&'’-]{1,40}\s*[|•·-]\s*)?(?:last\s+)?(?:updated|published|posted|modified|first published)"
    r"(?:\s+on)?\s*:?\s*(.{0,60})$", re.I)
_SOURCE_STAMP = re.compile(r"^(?:source|credit)\s*:\s*[\w .&'’-]{1,40}$", re.I)
_TOP_LINES = 6


def clean_top(text: str, title: str | None) -> tuple[str, dict[str, str]]:
    """Drop byline and time-stamp lines above the story, and second copies of the headline.

    The first copy of the headline stays: the splitter marks it as a headline
    (never a fact) and the extractor learns the story's names from it. Only
    the first few lines are looked at, and only lines that are short and
    shaped like a byline or stamp: a story's first sentence is never dropped.
    Returns the text and what was found ("author", "stamp") for provenance.
    """
    lines = text.split("\n")
    found: dict[str, str] = {}
    keep: list[int] = []
    headline_seen = False
    seen = 0
    end = len(lines)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if seen >= _TOP_LINES:
            end = i
            break
        seen += 1
        if title and _same_words(stripped, title):
            if not headline_seen:
                keep.append(i)
            headline_seen = True
        elif len(stripped.split()) <= 12 and _BYLINE.match(stripped):
            found.setdefault("author", re.sub(r"^\S+\s+(?:by\s+)?", "", stripped).strip(" ,"))
        elif (stamp := _STAMP.match(stripped)) and len(stripped.split()) <= 14 and re.search(r"\d", stripped):
            found.setdefault("stamp", stamp.group(1).strip())
        elif not _SOURCE_STAMP.match(stripped):
            end = i
            break
    rest = "\n".join([lines[i] for i in keep] + lines[end:]).strip("\n")
    return (rest, found) if rest.strip() else (text, {})


def headline(text: str) -> str | None:
    """The first line, if it reads like a headline: short, no full stop, not a byline."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    first = first.lstrip("#").strip()
    words = first.split()
    if not (2 <= len(words) <= 20) or len(first) > 200 or first[-1] in ".!…\"”’:;,":
        return None
    if _BYLINE.match(first) or _STAMP.match(first) or _SOURCE_STAMP.match(first):
        return None
    rest = text.split(first, 1)[-1]
    return first if len(rest.split()) > len(words) else None


def _same_words(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return bool(norm(a)) and norm(a) == norm(b)


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_MDY = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})")


def stamp_date(stamp: str) -> date | None:
    """The day an "Updated: ..." stamp names: 2017-09-15, 13 March 2024 or March 13, 2024."""
    for m in (_ISO.search(stamp), _DMY.search(stamp), _MDY.search(stamp)):
        if not m:
            continue
        parts = m.groups()
        try:
            if parts[0].isdigit() and len(parts[0]) == 4:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            day, month = (parts[0], parts[1]) if parts[0].isdigit() else (parts[1], parts[0])
            number = _MONTHS.get(month[:3].casefold())
            if number:
                return date(int(parts[2]), number, int(day))
        except ValueError:
            continue
    return None


def clean_article(article: Article) -> Article:
    """The article with tidy text and its top cleaned; what was found fills gaps in the metadata."""
    text = tidy(article.text)
    title = tidy(article.title) if article.title else None
    provenance = list(article.provenance)
    if not title and (title := headline(text)):
        provenance.append(("title", "first line of the text"))
    text, found = clean_top(text, title)
    changes: dict[str, object] = {"text": text, "title": title or None}
    if "author" in found and not article.authors:
        changes["authors"] = (found["author"],)
        provenance.append(("authors", "byline line"))
    stamped = stamp_date(found.get("stamp", ""))
    if stamped and not article.published:
        changes["published"] = stamped
        provenance.append(("published", "'Updated:' line"))
    changes["provenance"] = tuple(provenance)
    if not text.strip():
        raise ArticleSkip("no article text left after removing headline and byline lines")
    return replace(article, **changes)  # type: ignore[arg-type]


# --- duplicates --------------------------------------------------------------

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|ref|mc_cid|mc_eid|cmpid|ito|ocid)$", re.I)


def url_key(url: str | None) -> str | None:
    """A URL with scheme, "www.", tracking parameters, fragment and trailing slash removed."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip().casefold()
    host = parts.netloc.casefold().removeprefix("www.")
    if not host:
        return url.strip().casefold()
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def text_key(text: str) -> str:
    words = re.findall(r"\w+", text.casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def dedupe(articles: Sequence[Article]) -> tuple[list[Article], list[Skipped]]:
    """Keep the fullest of each article given twice; list the others as skipped.

    Same URL means the same article. Same text means the same article unless
    outlets or URLs say otherwise (then it is a reprint, kept for copies.py).
    """
    first: list[int] = list(range(len(articles)))  # each article's group: the index of its first member
    same: dict[int, str] = {}
    by_url: dict[str, int] = {}
    by_text: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        key = url_key(a.url)
        text = text_key(a.text)
        if key and key in by_url:
            first[i], same[i] = first[by_url[key]], "url"
        else:
            match = next((j for j in by_text.get(text, []) if _compatible(articles[j], a)), None)
            if match is not None:
                first[i], same[i] = first[match], "text"
        if key:
            by_url.setdefault(key, i)
        by_text.setdefault(text, []).append(i)
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(first):
        groups.setdefault(g, []).append(i)
    keeper = {g: max(members, key=lambda i: (len(articles[i].text), -i)) for g, members in groups.items()}
    kept: list[Article] = []
    skipped: list[Skipped] = []
    for i, a in enumerate(articles):
        k = keeper[first[i]]
        if k == i:
            kept.append(a)
        else:
            why = same.get(i) or same.get(k, "text")
            skipped.append(Skipped(a.path, f"duplicate of {articles[k].id} (same {why}); remove one copy"))
    return kept, skipped


def _compatible(a: Article, b: Article) -> bool:
    """Nothing says these are two different publications of one text."""
    if a.outlet and b.outlet and _outlet_key(a.outlet) != _outlet_key(b.outlet):
        return False
    return not (a.url and b.url and url_key(a.url) != url_key(b.url))


def _outlet_key(outlet: str) -> str:
    return re.sub(r"\W+", "", outlet.casefold().removeprefix("www."))
