"""Places: mentions from the gazetteer, and the incident's place chosen from them.

Mentions are looked for only in sentences that can describe an incident (the
headline and sentences with a type cue, a count or a date), never in captions
or related-story lines (those lines are excluded before this stage).  The
place is chosen from the sentences of one incident: the first settlement with
its region; if the text names a region the settlement is not in, only the
region named is kept (or the namesake in that region, when there is one).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from ..geo.text import transliterate_uk, ukrainian_from_russian
from ..schemas import PlaceResolution
from ..vocab import REGIONS, GeoPrecision
from .document import Document, Span

STAGE = "places"
# Opening sentences read for places even without a figure (matches kind.LEDE_SENTENCES).
LEDE_SENTENCES = 3
log = logging.getLogger(__name__)


class GazetteerLike(Protocol):
    def scan(self, text: str) -> list[Any]: ...

    def resolve_mention(self, mention: Any, context: str | None = None) -> PlaceResolution: ...


@dataclass(frozen=True, slots=True)
class Place:
    region_code: str | None
    settlement: str | None
    lat: float | None
    lon: float | None
    precision: GeoPrecision
    region_span: Span | None
    settlement_span: Span | None
    country_span: Span | None = None


UNKNOWN_PLACE = Place(None, None, None, None, GeoPrecision.UNKNOWN, None, None)


def default_gazetteer() -> GazetteerLike | None:
    try:
        from ..geo import get_gazetteer

        return get_gazetteer()
    except Exception as exc:  # the gazetteer is another package: any failure is recorded
        log.warning("gazetteer unavailable: %s", exc)
        return None


def _candidate_sentences(doc: Document) -> list[int]:
    """Sentences that may place an incident: those with a type, count or date, the
    headline, and the lede (a digest's opening names its oblast without a toll)."""
    wanted = {s.sentence for s in doc.spans if s.label in ("type", "count", "date")}
    lede = [i for i, s in enumerate(doc.sentences) if not s.is_title][:LEDE_SENTENCES]
    wanted.update(lede)
    # A digest's entry opens with its place alone ("Нікополь.", "Pokrovske hromada."):
    # the sentences after it in the paragraph tell what happened there.
    wanted.update(i for i in range(len(doc.sentences)) if _label(doc, i))
    return [i for i, s in enumerate(doc.sentences) if s.is_title or i in wanted]


LABEL_WORDS = 5
# A digest entry's head: a bullet or emoji, then a short capitalised name before a colon or
# dash ("🔹 Буринь: скидання вибухівки з БпЛА.", "- Буринська громада — поранено ...").
_BULLET = re.compile(r"^[^\w\"«„]*")
_HEAD = re.compile(r"([^\W\d][^:;,.!?—–]{0,40}?)\s*(?::|\s[—–-]\s)")
HEAD_WORDS = 3


def _label(doc: Document, index: int) -> bool:
    """A short capitalised sentence opening its paragraph, without a figure: a place label.
    A digest entry's head ("🔹 Ворожба: удар FPV-дроном ...", "▪️ Куцурубська громада
    зазнала обстрілу.") is one too: it names the place, the next sentence the toll."""
    sent = doc.sentences[index]
    if sent.is_title or (index and doc.sentences[index - 1].line_index == sent.line_index):
        return False
    nxt = index + 1
    if not (nxt < len(doc.sentences) and doc.sentences[nxt].line_index == sent.line_index):
        return False
    text = doc.sentence_text(index).strip()
    bullet = _BULLET.match(text).end()  # type: ignore[union-attr]
    if bullet and text[bullet : bullet + 1].isupper():
        # "▪️ Куцурубська громада зазнала обстрілу. Поранено ...": a bullet entry's
        # opening sentence names the entry's place.
        return True
    head = _HEAD.match(text, bullet)
    if head is not None and head.group(1)[:1].isupper():
        return len(head.group(1).split()) <= HEAD_WORDS
    words = text.split()
    return (
        0 < len(words) <= LABEL_WORDS
        and text[:1].isupper()
        and not any(ch.isdigit() for ch in text)
    )


# A capitalised word after a settlement name that still lets it be a place
# ("Kharkiv Oblast", "Kyiv City Council", "Odesa Governor ...").
_PLACE_FOLLOWERS = frozenset(
    (
        "oblast",
        "oblast's",
        "region",
        "region's",
        "raion",
        "district",
        "hromada",
        "community",
        "city",
        "city's",
        "council",
        "municipal",
        "municipality",
        "military",
        "regional",
        "governor",
        "mayor",
        "police",
        "prosecutor's",
        "prosecutors",
        "railway",
        "airport",
        "station",
        "nuclear",
        "thermal",
        "power",
        "hydroelectric",
        "metro",
        "port",
        "province",
        "administration",
        "authorities",
        "residents",
        "область",
        "області",
        "обл",
        "району",
        "район",
        "громада",
        "громади",
        "міська",
        "міський",
        "міськрада",
        "обласна",
        "обласної",
        "ова",
        "мва",
        "ода",
        # Russian, and the Ukrainian locative: "в Малокатериновке Запорожского района",
        # "обстрела Новоданиловки Пологовского района", "у Кушугумі Запорізького району".
        "района",
        "районе",
        "районі",
        "области",
        "область",
        "областной",
        "округа",
        "общины",
        "общине",
        "громаді",
        "громады",
        "громаде",
        "городской",
        "городского",
    )
)
_NEXT_WORD = re.compile(r"[ \t]+([A-ZА-ЯІЇЄҐ][\w'’-]*)")
_NEXT_WORD_ANY = re.compile(r"[ \t]+([\w'’-]+)")


def _first_name(text: str, end: int) -> bool:
    """The match is followed by a capitalised word that is no place word: a person's name.

    Gazetteers hold villages named like given names ("Ivan", "Viktoriia");
    "Governor Ivan Fedorov" must not put the incident there.  All-capital
    words (acronyms) are not surnames.
    """
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    if word.isupper() or word.casefold() in _PLACE_FOLLOWERS:
        return False
    # "Mykolaivka, Kramatorsk district" / "у Миколаївці Краматорського району": the next
    # word names the district the settlement lies in, not a person.
    after = _NEXT_WORD_ANY.match(text, m.end())
    return after is None or after.group(1).casefold() not in _PLACE_FOLLOWERS


def _names_a_body(doc: Document, index: int, start: int, end: int) -> bool:
    """The words are (part of) a body's name ("Police said", "Human rights group")."""
    return any(b.start <= start and end <= b.end for b in doc.spans_of("body", index))


# A district or community: a place inside some region, whose name repeats across regions.
_DISTRICT = re.compile(
    r"(?i)\b(?:raions?|rayons?|districts?|hromadas?|communit(?:y|ies)|район\w*|громад\w*"
    r"|общин\w*|округ\w*)\b"
)
# After a settlement name: the region's authority ("Zaporizhzhia Regional Prosecutor's
# Office"): it names the oblast, not the place where the incident happened.
_REGIONAL_AUTHORITY = re.compile(r"[ \t]+(?:regional|oblast|obl\.|region's)\b", re.IGNORECASE)
# Where a moved group was taken from, and where to ("from Oleshky ... to a camp in Crimea").
_ORIGIN = re.compile(r"(?i)(?<!\w)(?:from|out\s+of|з|із|зі|из|изо)(?!\w)")
_DESTINATION = re.compile(r"(?i)(?<!\w)(?:to|into|до|к|ко)(?!\w)")


_HROMADA = re.compile(r"(?i)\b(?:hromadas?|communit(?:y|ies)|громад\w*|общин\w*)\b")


def _is_hromada(doc: Document, span: Span) -> bool:
    return bool(_HROMADA.search(doc.text, span.start, span.end))


def is_district(doc: Document, span: Span) -> bool:
    """A district or community ("Bakhmut district", "громада"), or a town's land told in
    one word ("Нікопольщина": the gazetteer marks it a district)."""
    return bool(_DISTRICT.search(doc.text, span.start, span.end)) or bool(
        getattr(span.value, "district", False)
    )


def destination(doc: Document, span: Span) -> bool:
    """The place follows "to"/"до" nearer than any "from": where people were taken to."""
    sent = doc.sentences[span.sentence]
    before = doc.text[sent.start : span.start]
    origin = max((m.end() for m in _ORIGIN.finditer(before)), default=-1)
    dest = max((m.end() for m in _DESTINATION.finditer(before)), default=-1)
    return dest > origin


def _regional_authority(doc: Document, span: Span) -> bool:
    return bool(_REGIONAL_AUTHORITY.match(doc.text, span.end))


def run(doc: Document, gazetteer: GazetteerLike | None) -> None:
    if gazetteer is None:
        doc.problem(STAGE, "gazetteer unavailable: no place extracted")
        return
    for index in _candidate_sentences(doc):
        sent = doc.sentences[index]
        try:
            mentions = gazetteer.scan(doc.text[sent.start : sent.end])
        except Exception as exc:  # a gazetteer failure must not lose the other fields
            doc.problem(STAGE, f"gazetteer scan failed on sentence {index}: {exc}")
            return
        for m in mentions:
            a, b = sent.start + m.start, sent.start + m.end
            if doc.masked(a, b):
                continue
            if m.kind == "settlement" and (
                _first_name(doc.text, b) or _names_a_body(doc, index, a, b)
            ):
                continue
            if m.kind == "settlement":
                if _capital_as_government(doc.text, b, m):
                    continue  # "as Kyiv pressed Western allies": the government, not the city
                if _HOSPITAL_BEFORE.search(doc.text, max(sent.start, a - 60), a):
                    continue  # where the wounded were taken, not where they were hurt
                if _REFERENCE_BEFORE.search(doc.text, max(sent.start, a - 40), a):
                    continue  # "south of Kyiv": a landmark for the place, not the place
                m = _oblast_by_centre(doc.text, a, m)
            doc.spans.append(Span(a, b, "place", m, STAGE, f"place.{m.kind}", index, 0.9))
    _settle_districts(doc, gazetteer)


def _settle_districts(doc: Document, gazetteer: GazetteerLike) -> None:
    """Districts whose name alone leaves open where they are, read in the report's own
    context.  A city district ("у Київському районі", "Kyivskyi district": Kharkiv's,
    Odesa's, ...) is the city's when the report names that city, or when the oblast the
    report names holds only that city of the candidates: the place is then the city.
    Otherwise the oblast named in the district's sentence, else the one oblast of the
    report's that holds a candidate, gives the region; with none, the district gives no
    region rather than one its name resembles.  A city counts as named anywhere in the
    report but captions and related lines, even in a sentence read for nothing else
    ("повідомив міський голова Одеси Геннадій Труханов").

    A hromada is named after its centre, often a village whose name repeats across
    oblasts ("Березанська громада": Berezanka in Mykolaiv Oblast, Berezan in Kyiv
    Oblast): the same context settles it, and a regional report (one oblast named) whose
    oblast holds none of its candidates gives it no region: the gazetteer lacks the
    report's own one."""
    spans = doc.spans_of("place")
    open_ = [
        s for s in spans
        if s.value.kind == "region" and getattr(s.value, "district", False)
        and getattr(s.value, "candidates", ())
    ]
    if not open_:
        return
    named: set[int | None] = set()
    if any(getattr(s.value, "city_districts", ()) for s in open_):
        try:
            mentions = gazetteer.scan(doc.text)
        except Exception:  # already reported by run() if it fails there too
            mentions = []
        named = {
            c.geonameid
            for m in mentions
            if m.kind == "settlement" and not doc.masked(m.start, m.end)
            for c in getattr(m, "candidates", ()) or ()
        }
    # The regions the report names: oblasts, and districts whose region is certain
    # ("Покровська громада Синельниківського району", "на Нікопольщині", "Межівську,
    # Покровську та Слов'янську громади").
    regions = [(s, c) for s in spans if s.value.kind == "region" and (c := _region_of(s.value))]
    for span in open_:
        oblasts = [(s.sentence, c) for s, c in regions if s is not span]
        span.value = _settled(span, named, oblasts, _is_hromada(doc, span))


def _settled(
    span: Span, named: set[int | None], oblasts: list[tuple[int, str]], hromada: bool
) -> Any:
    m = span.value
    cands = list(m.candidates)
    ids = list(getattr(m, "place_ids", ()) or ())
    cities = set(getattr(m, "city_districts", ()) or ())
    here = {c for c in cands if c.geonameid in cities and c.geonameid in named}
    if len({c.geonameid for c in here}) == 1:
        return _as_city(m, cands, ids, here.pop())
    regions = {c.region_code for c in cands}
    code = None
    for pool in ([c for i, c in oblasts if i == span.sentence], [c for _i, c in oblasts]):
        held = {c for c in pool if c in regions}
        if len(held) == 1:
            code = held.pop()
            break
        if held:
            break  # two oblasts hold a candidate: the context cannot tell
    else:
        if hromada and len({c for _i, c in oblasts}) == 1:
            return replace(m, region_code=None, regions=())  # not the report's oblast's
    if code is None and len(regions) == 1:
        code = next(iter(regions))  # all candidates in one region ('Салтівський': Kharkiv)
    if code is None:
        return m
    inside = [c for c in cands if c.region_code == code]
    if len(inside) == 1 and inside[0].geonameid in cities:
        return _as_city(m, cands, ids, inside[0])
    return replace(m, region_code=code, regions=(code,))


def _as_city(m: Any, cands: list[Any], ids: list[int], city: Any) -> Any:
    """The district's mention as a mention of its city."""
    k = cands.index(city)
    return replace(
        m, kind="settlement", region_code=city.region_code, settlement=city.settlement,
        candidates=(city,), place_ids=(ids[k],) if k < len(ids) else (), regions=(),
        district=False, city_districts=(),
    )


# A capital named as its government ("as Kyiv pressed Western allies", "Kyiv says that
# nearly 20,000 children ...", "Москва отрицает"): the verb of a state, not a place's event.
_CAPITALS = frozenset(("Kyiv", "Moscow"))
_GOVERNMENT_VERB = re.compile(
    r"(?i)[ \t]+(?:has\s+|have\s+|had\s+|is\s+|was\s+)?(?:press|urg|accus|demand|call|"
    r"ask|want|insist|den[yi]|claim|reject|say|said|warn|appeal|seek|sought|blam|condemn|"
    r"welcom|hop|push|lobb|negotiat|pledg|vow|argu|estimat|"
    r"заявля|заявил|заяви|звинувач|вимага|закликал|наполяга|обвиня|требу|призыва|"
    r"отрица|заперечу|наста)\w*\b"
)


def _capital_as_government(text: str, end: int, m: Any) -> bool:
    return getattr(m, "settlement", None) in _CAPITALS and bool(_GOVERNMENT_VERB.match(text, end))


# "taken to hospital in Kupiansk", "доставили в больницу Скадовска", "госпіталізували до
# лікарні Ізюма": where the wounded were taken (a strike "on a hospital in X" is in X).
_HOSPITAL_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:(?:taken|brought|rushed|evacuated|transported|admitted|airlifted|moved"
    r"|delivered|treated|доставил\w*|доставлен\w*|доправил\w*|доправлен\w*|госпіталізува\w*"
    r"|госпіталізован\w*|госпитализирова\w*|відвезли|отвезли|перевезли|евакуювали"
    r"|эвакуировали)(?:\s+[\w'’-]+){0,4}?\s+(?:hospitals?|clinic|лікарн\w*|госпітал\w*"
    r"|шпитал\w*|медзаклад\w*|больниц\w*|госпитал\w*)(?:\s+[\w'’-]+){0,3}?"
    r"|hospitali[sz]ed|госпіталізува\w*|госпіталізован\w*|госпитализирова\w*)"
    r"\s+(?:in|at|of|у|в|до|м\.)?\s*$"
)

# "In Bila Tserkva, south of Kyiv", "20 km from Kharkiv", "на південь від Києва", "за 15 км
# від Херсона": the town the place is measured from.
_REFERENCE_BEFORE = re.compile(
    r"(?i)(?:(?<![\w-])(?<!the )"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|\b(?:km|kilomet(?:re|er)s?|miles?)\s+(?:\([^()]{0,20}\)\s+)?"
    r"(?:\w+\s+)?(?:from|of|outside)|(?<!\w)на\s+(?:північ|південь|схід|захід|північний\s+схід"
    r"|північний\s+захід|південний\s+схід|південний\s+захід|север|юг|восток|запад)\s+(?:від|от)"
    r"|(?<!\w)(?:км|кілометр\w*|километр\w*)\s+(?:від|от))\s+(?:the\s+(?:city|town)\s+of\s+)?$"
)

# "На Запоріжжі": with "на" and the locative an oblast centre's name means its oblast
# (the city takes "у"/"в": "у Запоріжжі"; "на Запоріжжя" is an attack on the city).
_ON_BEFORE = re.compile(r"(?<!\w)[Нн]а\s+$")


def _oblast_by_centre(text: str, start: int, m: Any) -> Any:
    """The oblast, when the settlement named after "на" is the centre it is named after."""
    if not _ON_BEFORE.search(text, max(0, start - 4), start) or m.surface[-1:] not in "іїІЇ":
        return m  # "атака на Одесу" (accusative) is the city; only "на Запоріжжі" the oblast
    code = getattr(m, "region_code", None)
    region = REGIONS.get(code) if code else None
    if region is None or region.name != f"{m.settlement} Oblast":
        return m
    return replace(
        m, kind="region", settlement=None, candidates=(), regions=(code,), place_ids=()
    )


def _region_of(m: Any) -> str | None:
    code = getattr(m, "region_code", None)
    if code in REGIONS:
        return str(code)
    regions = tuple(getattr(m, "regions", ()) or ())
    return str(regions[0]) if len(regions) == 1 and regions[0] in REGIONS else None


def _in_region(m: Any, region: str) -> Any | None:
    for c in getattr(m, "candidates", ()) or ():
        if getattr(c, "region_code", None) == region:
            return c
    return None


def choose(
    doc: Document,
    sentences: list[int],
    gazetteer: GazetteerLike | None,
    keep: Callable[[Span], bool] | None = None,
) -> Place:
    """The incident's place from the place spans of ``sentences`` (in the given order).

    ``keep`` drops spans that belong to another incident (another roundup clause).
    """
    spans = [s for i in sentences for s in doc.spans_of("place", i) if keep is None or keep(s)]
    settlements = [
        s for s in spans if s.value.kind == "settlement" and not _regional_authority(doc, s)
    ]
    settlements = _cued_first(doc, _centres_last(doc, _unlisted(doc, settlements)))
    named_regions = [s for s in spans if s.value.kind == "region" and _region_of(s.value)]
    # An oblast named outranks a district: district names repeat across oblasts and cities.
    oblasts = [s for s in named_regions if not is_district(doc, s)]
    # A hromada lies in a raion: the raion's name, repeated less, places it first.
    districts = sorted(
        (s for s in named_regions if is_district(doc, s)), key=lambda s: _is_hromada(doc, s)
    )
    regions = oblasts or districts
    countries = [s for s in spans if s.value.kind in ("country", "macro_region")]
    named = _region_of(regions[0].value) if regions else None
    context = " ".join(doc.sentence_text(i) for i in sentences)[:5000]
    unplaced_village = False
    for span in settlements:
        if unplaced_village and not _introduced(doc, span):
            # "shot two residents of the village of Lukashivka" after "a court in
            # Chernihiv": the village the text ties to the event, not held where the
            # report puts it, leaves the region rather than another town of the report.
            break
        place = _settlement_place(doc, span, named, regions, context, gazetteer)
        if place is None and regions and named and _introduced(doc, span):
            unplaced_village = True
            continue
        if place is None and not regions:
            place = _in_report_oblast(doc, span)
        if place is None and not oblasts and districts:
            # A city district named like one elsewhere ("Shevchenkivskyi district")
            # does not overrule the settlement the text names.
            place = _settlement_place(doc, span, None, [], context, gazetteer)
        if place is not None:
            return place
    if regions and named:
        region = REGIONS[named]
        return Place(named, None, region.lat, region.lon, GeoPrecision.REGION, regions[0], None)
    if countries:
        return Place(None, None, None, None, GeoPrecision.COUNTRY, None, None, countries[0])
    return UNKNOWN_PLACE


# "a man from the village of X", "чоловіка з села X": where a victim comes from, not where
# the event happened.
_FROM_CUED = re.compile(
    r"(?i)(?<!\w)(?:from|out\s+of|з|із|зі|из|изо)\s+(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?"
    r"(?:\s+of)?\s+$"
)


def _introduced(doc: Document, span: Span) -> bool:
    """A settlement the text introduces as one ("the village of X", "у селищі X"), not as
    where someone comes from ("from the village of X", "з села X")."""
    return (
        bool(getattr(span.value, "cued", False))
        and not getattr(span.value, "district", False)
        and not _FROM_CUED.search(doc.text, max(0, span.start - 40), span.start)
    )


def _cued_first(doc: Document, settlements: list[Span]) -> list[Span]:
    """Settlements the text introduces as such ("near the village of Novoekonomichne",
    "у селищі Тернувате") before those named bare: a bare town is often another role's
    (the court's, the hospital's, a TV channel's, the headline's district centre), the
    introduced one is where the event is placed."""
    cued = [s for s in settlements if _introduced(doc, s)]
    if not cued or len(cued) == len(settlements):
        return settlements
    names = {getattr(s.value, "settlement", None) for s in cued}
    if getattr(settlements[0].value, "settlement", None) in names:
        return settlements  # "Zaporizhia ... the city of Zaporizhia": one town, named both ways
    return cued + [s for s in settlements if not _introduced(doc, s)]


# Between two places of one list: "Bilozerka, Stanislav", "Kizomys and Antonivka", "та".
_LIST_GAP = re.compile(r"(?i)\s*(?:,\s*(?:(?:and|та|і|й|и)\s+)?|\s(?:and|та|і|й|и|or|або|или)\s+)")


def _unlisted(doc: Document, settlements: list[Span]) -> list[Span]:
    """Settlements other than those named in a list ("shelled Bilozerka, Stanislav,
    Kizomys and Antonivka"): a list tells where fire fell, not where the toll was; the
    place is the one the toll names ("a man was injured in Stanislav"), or the region."""
    listed: set[int] = set()
    for a, b in zip(settlements, settlements[1:], strict=False):
        if a.sentence == b.sentence and _LIST_GAP.fullmatch(doc.text, a.end, b.start):
            listed.update((id(a), id(b)))
    return [s for s in settlements if id(s) not in listed] if listed else settlements


def _in_report_oblast(doc: Document, span: Span) -> Place | None:
    """A name with namesakes in several regions, in an incident's sentences that name no
    region: the one oblast the report names elsewhere places it (a roundup's second entry,
    "Шевченкове", in a report whose governor is "начальник Харківської ОВА")."""
    m = span.value
    if len({c.region_code for c in getattr(m, "candidates", ()) or ()}) < 2:
        return None
    oblasts = {
        c
        for s in doc.spans_of("place")
        if s.value.kind == "region" and not is_district(doc, s) and (c := _region_of(s.value))
    }
    if len(oblasts) != 1:
        return None
    code = oblasts.pop()
    chosen = _in_region(m, code)
    if chosen is None:
        return None
    precision = GeoPrecision.NEAR_SETTLEMENT if m.near else GeoPrecision.SETTLEMENT
    return Place(code, chosen.settlement, chosen.lat, chosen.lon, precision, None, span)


def _title_centre(doc: Document, span: Span) -> str | None:
    """The headline's "Kharkiv:" or "Белгород:": an oblast's centre named in the title
    (its region code), often the region's shorthand there."""
    code = _region_of(span.value)
    if not doc.sentences[span.sentence].is_title or code is None:
        return None
    return code if REGIONS[code].name == f"{span.value.settlement} Oblast" else None


def _centres_last(doc: Document, settlements: list[Span]) -> list[Span]:
    """A headline's oblast centre yields to a settlement of that oblast the body names
    ("Kharkiv: drone kills two" over "... near Kupiansk"): the body is the more exact."""
    titled = {id(s): c for s in settlements if (c := _title_centre(doc, s))}
    if not titled:
        return settlements
    rest = [s for s in settlements if id(s) not in titled]
    codes = set(titled.values())
    if any(
        not doc.sentences[s.sentence].is_title
        and (_region_of(s.value) in codes or any(_in_region(s.value, c) for c in codes))
        for s in rest
    ):
        return rest + [s for s in settlements if id(s) in titled]
    return settlements


def _settlement_place(
    doc: Document,
    span: Span,
    named: str | None,
    regions: list[Span],
    context: str,
    gazetteer: GazetteerLike | None,
) -> Place | None:
    m = span.value
    precision = GeoPrecision.NEAR_SETTLEMENT if m.near else GeoPrecision.SETTLEMENT
    region = _region_of(m)
    cands = list(getattr(m, "candidates", ()) or ())
    if named and region != named:
        chosen = _in_region(m, named)
        if chosen is None:
            # The region named disagrees: keep only the region, or the village the text
            # introduces as one, below the gazetteer's size there.
            return _unheld(m, named, regions, span, doc)
        return Place(named, chosen.settlement, chosen.lat, chosen.lon, precision, regions[0], span)
    if region and m.settlement and len(cands) == 1:
        c = cands[0]
        return Place(
            region, m.settlement, c.lat, c.lon, precision, _region_span(regions, region, span), span
        )
    if gazetteer is None:
        return None
    res = gazetteer.resolve_mention(m, context=context)
    if res.ambiguous or not res.settlement or not res.region_code:
        return None
    if named and res.region_code != named:
        return None
    settlement = english_name(res.settlement, doc.language, res.region_code)
    if settlement is None:
        # A village the gazetteer does not hold, named in a form that cannot be put
        # into English with confidence: the region only.
        region_place = REGIONS.get(res.region_code)
        if region_place is None:
            return None
        return Place(res.region_code, None, region_place.lat, region_place.lon,
                     GeoPrecision.REGION, _region_span(regions, res.region_code, span), None)
    return Place(
        res.region_code,
        settlement,
        res.lat,
        res.lon,
        precision,
        _region_span(regions, res.region_code, span),
        span,
    )


_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'’ -]*")
# A Ukrainian village name in the nominative: how a name stands after "село", "с.",
# "смт" ("у селі Котлине", "с. Рижівка"); an oblique form ("у Рижівці", "Котлиного")
# would transliterate into a name that is no one's.
_UK_NOMINATIVE = re.compile(
    r"(?i)^[а-щьюяєіїґ'’ʼ-]+(?:ка|не|ве|ре|ле|ке|ще|ське|цьке|ськ|цьк|ів|їв|ин|ине|ове|еве|є)$"
)
# A masculine name in the nominative ends in a consonant ("с. Байрак", "в селе Гай").
_CONSONANT_END = re.compile(r"(?i)[бвгґджзклмнпрстфхцчшщй]$")
_RUSSIAN_ONLY = re.compile(r"(?i)[ыэёъ]")


def _nominative(name: str) -> bool:
    return bool(_UK_NOMINATIVE.match(name) or _CONSONANT_END.search(name))


def english_name(
    name: str | None, language: str | None, region: str | None = None
) -> str | None:
    """A settlement's name in English: a Latin name as written; a Ukrainian one the
    gazetteer does not hold, by the national transliteration (KMU 2010) when it is
    plainly in the nominative; in a Russian text, a village of Ukraine (``region``) whose
    Russian spelling gives its Ukrainian name with certainty ("село Одноробовка" ->
    Odnorobivka, "Малая Рогань" -> Mala Rohan); otherwise none (never raw Cyrillic)."""
    if not name:
        return None
    if _LATIN_NAME.fullmatch(name):
        return name
    if (
        language == "uk"
        and " " not in name
        and not _RUSSIAN_ONLY.search(name)
        and _nominative(name)
    ):
        return transliterate_uk(name)
    if language == "ru" and region is not None and region.startswith("UA-"):
        uk = ukrainian_from_russian(name)
        if uk is not None and _nominative(uk.split()[-1]):
            return transliterate_uk(uk)
    return None


# Between a village and the district or oblast that qualifies it: ", in the", " of ", "у",
# "in southern" (a part of the region named is still that region).
_QUALIFIER_GAP = re.compile(
    r"(?i)[\s,(]*(?:(?:in|of|the|у|в|на|(?:north|south)?(?:-?(?:east|west))?ern|central)\s+)*"
)
QUALIFIER_REACH = 40


def _qualified(doc: Document, span: Span, named: str) -> Span | None:
    """The region span right after the settlement that names where it lies ("Yablunivka
    in the Okhtyrka district", "Кам'янка Ізюмського району"), not a region named
    elsewhere in the text for another place."""
    for r in doc.spans_of("place", span.sentence):
        if r.value.kind != "region" or _region_of(r.value) != named or r.start < span.end:
            continue
        gap = doc.text[span.end : r.start]
        if len(gap) <= QUALIFIER_REACH and _QUALIFIER_GAP.fullmatch(gap):
            return r
    return None


def _sole_region(doc: Document, span: Span, named: str) -> Span | None:
    """The one region the village's own sentence names ("residents of the village of
    Lukashivka during the occupation of the Chernihiv region"): where the text puts it,
    when that sentence names no other region."""
    found = [r for r in doc.spans_of("place", span.sentence) if r.value.kind == "region"]
    if not found or any(_region_of(r.value) != named for r in found):
        return None
    return found[0]


def _unheld(
    m: Any, named: str, regions: list[Span], span: Span, doc: Document
) -> Place | None:
    """"the village of Pishchane, in the Kupiansk district", "села Кам'янка Ізюмського
    району" (or a sentence naming that one region only, see ``_sole_region``): a
    settlement cue introduces the name, the region named holds none of the
    gazetteer's places of that name (it lists places of 500+ people).  The name is kept
    (in English: the namesakes' spelling, or the text's own Latin spelling) without
    coordinates: where the village lies is not known, and a region's centre would pass
    for it on the map and in duplicate matching.  A name that cannot be given in English
    is left out.
    """
    if not getattr(m, "cued", False):
        return None
    qualifier = _qualified(doc, span, named) or _sole_region(doc, span, named)
    if qualifier is None:
        return None
    names = {c.settlement for c in getattr(m, "candidates", ()) or ()}
    own = english_name(m.settlement, doc.language, named)
    if len(names) == 1:
        name: str | None = names.pop()
    elif not names or own in names:
        # Namesakes spelt apart ("Andriivka", "Andrivka"): the text's own nominative
        # gives the spelling, when it is one of theirs.
        name = own
    else:
        return None
    if not name or not _LATIN_NAME.fullmatch(name):
        return None
    precision = GeoPrecision.NEAR_SETTLEMENT if m.near else GeoPrecision.SETTLEMENT
    return Place(named, name, None, None, precision, qualifier, span)


def _region_span(regions: list[Span], code: str, fallback: Span) -> Span:
    for r in regions:
        if _region_of(r.value) == code:
            return r
    return fallback
