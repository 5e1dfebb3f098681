"""Make a large, realistic corpus from the real news_cluster articles, deterministically by seed.

    python bench/generate.py OUT_DIR --articles 10000 [--seed 1] [--format txt|json]

Why not just copy the 361 real articles many times: copies of one text would
all be "reprints" of each other and every story would collapse into one. Each
synthetic story here starts from one real event (3-19 real articles) and gets
its own identity, applied consistently to all of its articles:

- every proper name is replaced by an invented one (so people, places and
  outlets differ from story to story, but agree within a story);
- about half of the other content words are swapped for invented words, so
  two stories made from the same event share no more wording than two real
  stories about similar events; words the rules look for ("said",
  "according", titles, months, ...) are never touched, so extraction sees
  the same kind of sentences as on real copy;
- the story is moved to its own date within one year.

Within a story, each real article is written out once and may also get
reprints (the same text under another outlet, sometimes trimmed), and
paraphrases (sentences shuffled within paragraphs, synonym swaps, and a
changed number now and then: the conflicting details reconciliation must
keep). Story k only depends on (seed, k), so a 10k corpus is the first part
of a 100k one. Generated corpora are never committed: write them to a
temporary folder.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "corpus" / "news_cluster" / "articles"
RULES = ROOT / "rules"


def _words(text: str) -> list[str]:
    """A word list written as text, which reads better than a list of quoted words."""
    return text.split()


_WORD = re.compile(r"\b[A-Za-z][A-Za-z]+\b")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?![\d,]|\.\d)")
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z\"“])")
_SYLLABLES = _words(
    "ka ri to ve lan mor sel din qua bre fa lo ne thu ga vi ros tem bal cor nis pra dul ke "
    "mi zan hol tri ves sa ur gen dor pel wik ja nu bor ti fen lis mar go hu ra el on ad"
)
_SUFFIXES = ("ation", "ment", "ness", "ing", "ed", "ly", "er", "es", "s")
_SYNONYMS = {
    "big": "large", "large": "big", "people": "individuals", "officials": "authorities",
    "government": "administration", "began": "started", "started": "began", "showed": "revealed",
    "about": "around", "also": "additionally", "help": "assist", "attack": "assault",
    "killed": "left dead", "injured": "wounded", "wounded": "injured", "quickly": "rapidly",
    "country": "nation", "nation": "country", "after": "following", "before": "prior to",
    "many": "numerous", "important": "significant", "plan": "proposal", "talks": "negotiations",
}
_DOMAIN_NOISE = {"www", "com", "org", "net", "co", "uk", "cn", "au", "ca", "de", "in", "edition", "m", "amp"}
_OUTLET_WORDS = _words("daily times post herald wire tribune news journal gazette observer record courier")
_ALWAYS_KEEP = set(_words("""
a an the and or but if of to in on at by for with from as into onto over under about after before
since than that this these those there their they them it its is are was were be been being has have
had do does did will would can could may might must should shall not no nor so such also very more
most much many some any all each other another own same just only both either neither he she his her
we our you your i me my us who whom which what when where why how while whereas then now here
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december today yesterday tomorrow week weeks month months year years
day days last next ago earlier later morning evening night tonight
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun am pm
president minister ministry spokesman spokeswoman spokesperson official officials police chief director
secretary governor mayor senator general prime foreign defence defense prosecutor prosecutors court judge
one two three four five six seven eight nine ten eleven twelve dozen twenty hundred thousand million billion
"""))


def _rule_words() -> set[str]:
    """Every word the built-in rules mention: never replaced, so rules still fire."""
    words: set[str] = set()
    for path in sorted(RULES.glob("*.yaml")):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", path.read_text(encoding="utf-8")))
    return words


@dataclass(frozen=True)
class Source:
    event: str
    title: str
    text: str
    outlet: str
    published: date


@dataclass(frozen=True)
class Generated:
    name: str  # file stem
    story: int
    title: str
    text: str
    outlet: str
    url: str
    published: date
    kind: str  # original, reprint, paraphrase


def load_events(folder: Path = SOURCE) -> list[list[Source]]:
    """The real articles grouped by event, in a fixed order."""
    by_event: dict[str, list[Source]] = {}
    for path in sorted(folder.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        text = (rec.get("text") or "").strip()
        if len(text) < 200:
            continue
        day = (rec.get("date_publish") or "2017-06-01")[:10]
        event = str((rec.get("newsCluster") or {}).get("Event") or path.stem)
        by_event.setdefault(event, []).append(Source(
            event, (rec.get("title") or "").strip(), text, rec.get("source_domain") or "news.example",
            date.fromisoformat(day)))
    return [by_event[k] for k in sorted(by_event)]


class Vocabulary:
    """Which words of the real corpus are names and which may be swapped."""

    def __init__(self, events: list[list[Source]]) -> None:
        lower: set[str] = set()
        for arts in events:
            for a in arts:
                lower.update(w for w in re.findall(r"\b[a-z]+\b", a.text))
        self.lower = lower
        self.keep = _ALWAYS_KEEP | _rule_words()

    def is_name(self, low: str) -> bool:
        """Never seen in lower case: a proper name (PASADENA, Thurman), not a sentence opener."""
        return low not in self.lower and low not in self.keep

    def swappable(self, low: str) -> bool:
        return len(low) >= 4 and low not in self.keep


def invent(rng: random.Random, like: str) -> str:
    """An invented word of about the same length, keeping a common suffix."""
    suffix = next((s for s in _SUFFIXES if like.lower().endswith(s) and len(like) > len(s) + 2), "")
    out = ""
    while len(out) < max(3, len(like) - len(suffix) - 1):
        out += rng.choice(_SYLLABLES)
    out += suffix
    return out.capitalize() if like[:1].isupper() else out


class Story:
    """One synthetic story: a word map applied to every article made from its event."""

    def __init__(self, index: int, seed: int, events: list[list[Source]], vocab: Vocabulary) -> None:
        self.index = index
        self.rng = random.Random(f"factsheet-bench:{seed}:{index}")
        self.sources = events[self.rng.randrange(len(events))]
        self.vocab = vocab
        self.map: dict[str, str] = {}
        self.numbers: dict[str, str] = {}
        self.swap_rate = 0.8
        self.day = date(2017, 1, 1) + timedelta(days=self.rng.randrange(365))

    def word(self, w: str) -> str:
        """The story's word for w, the same in every article of the story, in w's case."""
        low = w.lower()
        got = self.map.get(low)
        if got is None:
            if self.vocab.is_name(low) or (self.vocab.swappable(low) and self.rng.random() < self.swap_rate):
                got = invent(self.rng, low)
            else:
                got = low
            self.map[low] = got
        if got == low:
            return w
        return got.upper() if w.isupper() else got.capitalize() if w[:1].isupper() else got

    def number(self, digits: str) -> str:
        """Figures above 31 (not days of a month, not years) differ from story to story."""
        value = int(digits.replace(",", ""))
        if value <= 31 or 1900 <= value <= 2100:
            return digits
        got = self.numbers.get(digits)
        if got is None:
            changed = max(32, round(value * self.rng.uniform(0.5, 1.5)))
            got = self.numbers[digits] = f"{changed:,}" if "," in digits else str(changed)
        return got

    def rewrite(self, text: str) -> str:
        text = _NUMBER.sub(lambda m: self.number(m.group(0)), text)
        return _WORD.sub(lambda m: self.word(m.group(0)), text)

    def articles(self) -> Iterator[Generated]:
        rng = self.rng
        base = min(s.published for s in self.sources)
        n = 0
        for src in self.sources:
            title, text = self.rewrite(src.title), self.rewrite(src.text)
            day = self.day + (src.published - base) % timedelta(days=7)
            outlet = self._outlet(src.outlet)
            n += 1
            yield self._make(n, title, text, outlet, day, "original")
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                n += 1
                yield self._make(n, title, self._trim(text), self._outlet(None), day + timedelta(rng.randrange(2)),
                                 "reprint")
            if rng.random() < 0.5:
                n += 1
                yield self._make(n, title, self._paraphrase(text), self._outlet(None),
                                 day + timedelta(rng.randrange(3)), "paraphrase")

    def _make(self, n: int, title: str, text: str, outlet: str, day: date, kind: str) -> Generated:
        name = f"s{self.index:06d}-{n:02d}"
        return Generated(name, self.index, title, text, outlet, f"https://{outlet}/{day:%Y/%m/%d}/{name}", day, kind)

    def _outlet(self, real: str | None) -> str:
        if real is not None:
            labels = [x for x in real.split(".") if x not in _DOMAIN_NOISE] or ["news"]
            label = max(labels, key=len)  # africa.chinadaily.com.cn -> chinadaily
            return self.rewrite(label).lower() + ".example"
        return f"{invent(self.rng, 'abcdef').lower()}-{self.rng.choice(_OUTLET_WORDS)}.example"

    def _trim(self, text: str) -> str:
        """A reprint: the whole text, or with its last paragraphs cut as papers do for space."""
        paras = text.split("\n")
        if len(paras) > 4 and self.rng.random() < 0.4:
            paras = paras[: max(3, int(len(paras) * 0.75))]
        return "\n".join(paras)

    def _paraphrase(self, text: str) -> str:
        """Sentences shuffled within paragraphs, synonyms swapped, a number changed."""
        rng = self.rng
        out = []
        for para in text.split("\n"):
            sents = _SENTENCE.split(para)
            if len(sents) > 2 and rng.random() < 0.5:
                i = rng.randrange(len(sents) - 1)
                sents[i], sents[i + 1] = sents[i + 1], sents[i]
            para = " ".join(sents)
            para = _WORD.sub(lambda m: _SYNONYMS.get(m.group(0), m.group(0)) if rng.random() < 0.5 else m.group(0),
                             para)
            if rng.random() < 0.15:
                para = _NUMBER.sub(lambda m: _other_number(rng, m.group(0)), para, count=1)
            out.append(para)
        return "\n".join(out)


def _other_number(rng: random.Random, digits: str) -> str:
    value = int(digits.replace(",", ""))
    if 1900 <= value <= 2100:
        return digits  # a year: changing it would move the story, not conflict on a detail
    changed = max(1, value + rng.choice((-1, 1)) * max(1, value // rng.choice((5, 10, 20))))
    return f"{changed:,}" if "," in digits else str(changed)


def generate(articles: int, seed: int = 1, events: list[list[Source]] | None = None) -> Iterator[Generated]:
    """Stories one after another until `articles` articles have been made."""
    events = events if events is not None else load_events()
    vocab = Vocabulary(events)
    made, index = 0, 0
    while made < articles:
        index += 1
        for g in Story(index, seed, events, vocab).articles():
            yield g
            made += 1
            if made >= articles:
                return


def write(g: Generated, out: Path, fmt: str) -> Path:
    if fmt == "json":
        path = out / f"{g.name}.json"
        record = {"title": g.title, "text": g.text, "date_publish": f"{g.published.isoformat()}T00:00:00",
                  "source_domain": g.outlet, "url": g.url, "authors": [], "bench": {"story": g.story, "kind": g.kind}}
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    else:
        path = out / f"{g.name}.txt"
        header = (f"---\ntitle: {json.dumps(g.title, ensure_ascii=False)}\noutlet: {g.outlet}\nurl: {g.url}\n"
                  f"published: {g.published.isoformat()}\n---\n")
        path.write_text(header + g.text + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write into (created; use a temporary folder)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("txt", "json"), default="txt",
                        help="txt with YAML front matter, or news-please style .json records")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if any(args.out.iterdir()):
        print(f"generate: {args.out} is not empty; give a new folder", file=sys.stderr)
        return 2
    n = 0
    for g in generate(args.articles, args.seed):
        write(g, args.out, args.format)
        n += 1
    print(f"generate: {n} articles in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
