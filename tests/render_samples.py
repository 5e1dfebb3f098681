"""Small Briefings made by hand for the rendering tests.

They do not depend on extraction, so the rendering tests keep their meaning
while the rules and the reconciler change. One article is hostile: markup in
its text and title and a `javascript:` URL, all of which must render inert.
"""

from __future__ import annotations

from datetime import date

from factsheet.model import (
    Article,
    ArticleInfo,
    Briefing,
    Citation,
    Conflict,
    Corroboration,
    DateValue,
    Fact,
    Skipped,
    Variant,
)

HOSTILE_SENTENCE = 'Officials said <script>alert("x")</script> the <img src=file:///etc/passwd> plant was shut.'
HOSTILE_URL = "javascript:alert(document.cookie)"

KPA_TEXT = ("An explosion killed one worker at the Halvenor plant on Tuesday, the fire directorate said. "
            '"Our rivers must not be sacrificed to anyone\'s profit margins," Marčuk said. '
            "Prosecutors opened an investigation on Wednesday.")
COURIER_TEXT = ("An explosion killed one worker at the Halvenor plant on Tuesday, the fire directorate said. "
                "Prosecutors opened an investigation on Thursday.")
RADIO_TEXT = ('"Our rivers must not be traded away for anyone\'s profits," Marchuk said. ' + HOSTILE_SENTENCE
              + " The plant was last inspected in January, its chief executive said.")


def _cite(article: str, text: str, sentence: str) -> Citation:
    start = text.index(sentence)
    return Citation(article, start, start + len(sentence), sentence)


def _articles() -> tuple[Article, Article, Article]:
    kpa = Article("01_kpa", "in/01_kpa.txt", KPA_TEXT, title="One dead in Halvenor blast", outlet="Kestrian Press",
                  url="https://kpa.test/news/halvenor", published=date(2026, 3, 4))
    courier = Article("02_courier", "in/02_courier.txt", COURIER_TEXT, published=date(2026, 3, 4))
    radio = Article("03_radio", "in/03_radio.txt", RADIO_TEXT, title='Water intake <b onclick="x()">closed</b>',
                    outlet="Orsa Valley Radio", url=HOSTILE_URL, published=None)
    return kpa, courier, radio


def small_briefing() -> Briefing:
    """Four facts over three articles: a quote with a variant, a date conflict, two single-source claims."""
    kpa, courier, radio = _articles()
    blast_kpa = "An explosion killed one worker at the Halvenor plant on Tuesday, the fire directorate said."
    quote_kpa = '"Our rivers must not be sacrificed to anyone\'s profit margins," Marčuk said.'
    quote_radio = '"Our rivers must not be traded away for anyone\'s profits," Marchuk said.'
    probe_kpa = "Prosecutors opened an investigation on Wednesday."
    probe_courier = "Prosecutors opened an investigation on Thursday."
    inspected = "The plant was last inspected in January, its chief executive said."
    facts = (
        Fact(id="f-1", rule="statement", kind="statement", who="Jelena Marčuk",
             claim="Our rivers must not be sacrificed to anyone's profit margins",
             date=DateValue("2026-03-04", "2026-03-04", "day", "inferred"),
             citations=(_cite("01_kpa", KPA_TEXT, quote_kpa), _cite("03_radio", RADIO_TEXT, quote_radio)),
             corroboration=Corroboration(2, 2), quote=True, grade=1,
             variants=(Variant("Our rivers must not be traded away for anyone's profits", ("03_radio",)),)),
        Fact(id="f-2", rule="event", kind="event", who="Regional prosecutors",
             claim="Prosecutors opened an investigation", date=DateValue("on Wednesday", "2026-03-04", "day", "text"),
             citations=(_cite("01_kpa", KPA_TEXT, probe_kpa), _cite("02_courier", COURIER_TEXT, probe_courier)),
             corroboration=Corroboration(2, 1), grade=4,
             conflicts=(Conflict("date", (Variant("2026-03-04", ("01_kpa",)),
                                          Variant("2026-03-05", ("02_courier",)))),)),
        Fact(id="f-3", rule="report", kind="event", who=None, claim=HOSTILE_SENTENCE, date=None,
             citations=(_cite("03_radio", RADIO_TEXT, HOSTILE_SENTENCE),), corroboration=Corroboration(1, 1), grade=6),
        Fact(id="f-4", rule="statement", kind="statement", who="Pieter Lund",
             claim="The plant was last inspected in January", date=DateValue("in January", "2026-01", "month", "text"),
             citations=(_cite("03_radio", RADIO_TEXT, inspected),), corroboration=Corroboration(1, 1), grade=3),
        Fact(id="f-5", rule="event", kind="event", who="the fire directorate",
             claim="An explosion killed one worker at the Halvenor plant",
             date=DateValue("on Tuesday", "2026-03-03", "day", "text"),
             citations=(_cite("01_kpa", KPA_TEXT, blast_kpa), _cite("02_courier", COURIER_TEXT, blast_kpa),
                        _cite("03_radio", RADIO_TEXT, HOSTILE_SENTENCE)),
             corroboration=Corroboration(3, 2), grade=1),
    )
    return Briefing(
        title="Halvenor plant blast <i>update</i>",
        articles=(ArticleInfo(kpa, story="s-1", published=DateValue("2026-03-04", "2026-03-04", "day", "text")),
                  ArticleInfo(courier, copy_of="01_kpa", story="s-1",
                              published=DateValue("2026-03-04", "2026-03-04", "day", "text")),
                  ArticleInfo(radio, story="s-1", published=DateValue("2026-03-04", "2026-03-04", "day", "inferred"))),
        skipped=(Skipped("in/photo.png", "not a text, HTML or JSON article"),),
        facts=facts,
        generated="2026-03-04",
        stories=(("s-1", "Halvenor plant blast"),),
    )


def synthetic_briefing(n_facts: int, n_articles: int | None = None) -> Briefing:
    """`n_facts` plausible facts over a proportional number of articles, for the benchmark and scale tests."""
    n_articles = n_articles or max(3, min(60, n_facts // 4))
    articles, texts = [], []
    for a in range(n_articles):
        sentences = [f"Official {a}-{k} said the council approved measure {k} on day {k % 28 + 1}."
                     for k in range(max(1, n_facts * 2 // n_articles + 2))]
        text = " ".join(sentences)
        texts.append((text, sentences))
        articles.append(ArticleInfo(
            Article(f"a{a:03d}", f"in/a{a:03d}.txt", text, title=f"Council story {a}", outlet=f"Outlet {a % 17}",
                    url=f"https://news{a}.test/story", published=date(2026, 1 + a % 12, 1 + a % 28)),
            copy_of=f"a{a - 1:03d}" if a % 7 == 6 else None, story="s-1",
            published=DateValue("x", f"2026-{1 + a % 12:02d}-{1 + a % 28:02d}", "day", "text")))
    facts = []
    for i in range(n_facts):
        cited = sorted({(i * 7 + j * 3) % n_articles for j in range(1 + i % 4)})
        citations = []
        for a in cited:
            text, sentences = texts[a]
            sentence = sentences[i % len(sentences)]
            start = text.index(sentence)
            citations.append(Citation(f"a{a:03d}", start, start + len(sentence), sentence))
        conflicts = (Conflict("date", (Variant("2026-02-01", (f"a{cited[0]:03d}",)),
                                       Variant("2026-02-02", (f"a{cited[-1]:03d}",)))),) if i % 9 == 4 else ()
        facts.append(Fact(
            id=f"f-{i + 1}", rule=("statement", "event", "report")[i % 3], kind="statement",
            who=f"Official {i % 23}" if i % 5 else None,
            claim=f"The council approved measure {i} after a long debate about budget line {i % 40}",
            date=DateValue("x", f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "day", "inferred" if i % 4 == 0 else "text")
            if i % 6 else None,
            citations=tuple(citations), corroboration=Corroboration(len(cited), max(1, len(cited) - (i % 2))),
            conflicts=conflicts, quote=i % 10 == 3, grade=1 + i % 6,
            variants=(Variant(f"Measure {i} was approved", (citations[0].article,)),) if i % 3 == 0 else ()))
    return Briefing("Council budget vote", tuple(articles), (), tuple(facts), "2026-12-28",
                    (("s-1", "Council budget vote"),))
