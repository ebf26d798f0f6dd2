"""Reporting and notified bodies, by registry id, with the role each played.

A body is *reporting* when the sentence has it say, report, confirm or
investigate; *notified* when it is the object of an appeal ("reached out to
the U.N."), unless it also reports somewhere else.  A body quoted only with a
Russian qualifier ("Russia's Belgorod governor") has no registry id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .document import Document, Span
from .guard import guarded
from .kind import source_line
from .lexicon import Rules, RulesError, _load, compile_phrases

STAGE = "bodies"
_RUSSIAN_QUALIFIER = guarded(
    r"(?:Russia|Russian|Russia's|Russia’s|Moscow|Kremlin|Belgorod|Kursk|Bryansk|Rostov|Voronezh"
    r"|occupation|occupied|Russian-installed|Kremlin-installed|росій\w*|окупац\w*|бєлгород\w*"
    r"|курськ\w*|российск\w*|белгород\w*|курск\w*|оккупац\w*"
    # Other states' bodies ("Romania's defence ministry") have no Ukrainian registry id either.
    r"|Romania|Romanian|Poland|Polish|Moldova|Moldovan|Belarus|Belarusian|Hungary|Hungarian"
    r"|Slovakia|Slovak|Lithuania|Lithuanian|Latvia|Latvian|Estonia|Estonian|Finland|Finnish"
    r"|Germany|German|France|French|Britain|British|Turkey|Turkish|Georgia|Georgian"
    r"|America|American|Israel|Israeli|Iran|Iranian|China|Chinese|North\s+Korea|North\s+Korean"
    r")[\w’'-]*\s+(?:[\w’'.-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "збройних сил РФ", "the armed forces of Russia": the qualifier follows the body.
_RUSSIAN_AFTER = re.compile(
    r"^\s*(?:РФ|Росії|России|Російської\s+Федерації|Российской\s+Федерации"
    r"|of\s+(?:the\s+)?(?:Russia|Russian\s+Federation))\b",
)


# "The ombudsman was informed about ...": the body was told, it did not tell.
_TOLD_AFTER = re.compile(
    r"^[’'s\s]*(?:office\s+)?(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:informed|notified|told|briefed|alerted|sent|handed|given)\b"
    r"|^\s*(?:отрима\w*|отриму\w*|получил\w*|получа\w*)\s+(?:інформацію|звернен\w*|лист\w*"
    r"|информацию|обращени\w*|письм\w*)"
    r"|^\s*(?:поінформован\w*|повідомлен\w*|проінформован\w*|уведомлен\w*|проинформирован\w*)",
    re.IGNORECASE,
)
# "passed all the information about it to the ICRC", "передав матеріали щодо цього випадку
# до Офісу Генпрокурора": a transfer verb, then the body right after "to".
# "направил информацию в Международный комитет Красного Креста": up to two words of the
# body's full name ("Международный комитет", "International Committee of the") stand
# between "to" and the words the body cue matched.  The transfer is in the body's own clause
# ("... у передаванні інформації ЗСУ, повідомили в прокуратурі" hands nothing to anyone).
_HANDED_TO = guarded(
    r"(?i)\b(?:passed|sent|handed|forwarded|submitted|transmitted|передав"
    r"|передал[аио]?|надіслав\w*|надіслал\w*|направив\w*|направил\w*|отправил\w*)\b"
    r"[^.;:!?,]{0,80}?"
    r"\s(?:to|до|в|у)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$"
)
# "вступив до так званої «поліції»", "the so-called 'police'": an occupiers' imitation of a
# body, not the body.
_SO_CALLED = guarded(
    r"(?i)(?:\bso-called|\bтак\s+зван\w*|\bтак\s+называем\w*|\bсамопроголошен\w*"
    r"|\bсамопровозглашенн\w*)\s*[«\"“„'‘]?\s*$"
)
_HOMETOWN_AFTER = re.compile(
    r"^(?:[’'ʼ]s)?\s+(?:home\s*town|native\s+(?:city|town)|birthplace)\b", re.IGNORECASE
)
_HOMETOWN_BEFORE = guarded(
    r"(?i)\b(?:home\s*town|native\s+(?:city|town)|birthplace|рідн\w+\s+міст\w*|родн\w+\s+город\w*)"
    r"\s+(?:of\s+)?(?:(?:the\s+)?(?:Ukrainian\s+)?president\s+|президента\s+)?"
    r"(?:[\w'’-]+\s+)?$"
)
# "загинула співробітниця міської військової адміністрації", "an employee of the city
# military administration was wounded": the body is where a victim worked, not a source.
_EMPLOYEE_BEFORE = guarded(
    r"(?i)(?<!\w)(?:співробітни\w*|працівни\w*|службов\w*|сотрудни\w*|работни\w*"
    r"|служащ\w*|employees?\s+of|staff(?:\s+members?)?\s+of|workers?\s+of"
    r"|members?\s+of\s+(?:the\s+)?staff\s+of)"
    r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$"
)
# "Two volunteers of a charity foundation ... were wounded", "волонтер благотворительной
# организации": a volunteer's organisation in a sentence of harm is where a victim belongs.
_MEMBER_BEFORE = guarded(
    r"(?i)(?<!\w)(?:volunteers?\s+(?:of|from|with|at)|волонтер\w*|волонтёр\w*)"
    r"\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,3}$"
)
# The victim word right beside the employee phrase: "загинула співробітниця ...", "... was
# killed" ("працівники поліції зафіксували" is the body at work, not a victim).
_VICTIM_WORD = (
    r"(?:загин\w*|загибл\w*|поранен\w*|постражда\w*|травмова\w*|помер\w*|погиб\w*|ранен\w*"
    r"|пострада\w*|умер\w*|killed|wounded|injured|died|hurt|dead)"
)
_VICTIM_BEFORE = guarded(rf"(?i)(?<!\w){_VICTIM_WORD}[\s,—–-]+(?:\w+\s+){{0,3}}$")
_VICTIM_AFTER = re.compile(
    rf"(?i)^[’'ʼ]?\w*\s+(?:(?:was|were|has|have|had|been|got|is|are)\s+)*{_VICTIM_WORD}"
)
# Impersonal report verbs ("зазначається", "повідомляється", "сообщается"): the article's
# earlier source speaks, not a body named later in the sentence.
_IMPERSONAL = re.compile(r"(?i)(?:ється|ються|ется|ются)$")
# "повідомляється на сайті поліції", "сообщается в Telegram-канале ОВА": where it was said.
_IMPERSONAL_SOURCE = re.compile(r"(?i)^\s*(?:в|у|на|із|з|во|by|in|on)\s+(?:[\w'’-]+\s+){0,3}$")
# "На місці працюють рятувальники, поліція та ...", "на месте работают спасатели": the
# clause's verb before a list of bodies; "rescuers and police are working at the scene",
# "рятувальники працюють на місці": the verb after.
_SCENE_BEFORE = guarded(
    r"(?i)\b(?:на\s+місці|на\s+месте)\s+(?:(?:події|удару|влучання|обстрілу|трагедії"
    r"|происшествия|удара|трагедии)\s+)?(?:працю\w*|работа\w*|перебува\w*|находя\w*)"
    r"\s+[^.;:!?()]*$"
)
_SCENE_AFTER = re.compile(
    r"(?i)^[^.;:!?()]{0,100}?(?:\b(?:are|were|is|was)\s+(?:still\s+)?(?:working|at\s+work)"
    r"\s+(?:at|on)\s+the\s+(?:scene|site)|\b(?:працю\w*|работа\w*)\s+на\s+(?:місці|месте)\b)"
)
# "The WHO condemned the strike and said ...", "ЮНІСЕФ засудило удар по школі й нагадало, що
# ...", "МИД Украины осудило задержания": right after the body, its clause condemns this
# strike or act, a statement on the incident.
# "condemned the Christmas Day attack, in which Russia fired 70 missiles" condemns a wider,
# named attack: not this one.
_CONDEMNS_THE_STRIKE = re.compile(
    r"(?i)[^.;:!?]{0,80}?(?<!\w)(?:condemn(?:ed|s)|denounc(?:ed|es)|засуди(?:в|ла|ло|ли)"
    r"|засуджу(?:є|ють)|осуди(?:л|ла|ло|ли)|осужда(?:ет|ют))\s+"
    r"(?:(?:the|this|these|that|цей|цю|ці|этот|эту|эти)\s+)?"
    r"(?:(?:Russian|російськ\w*|российск\w*)\s+)?"
    r"(?:strikes?|attacks?|shelling|bombing|удар\w*|атак\w*|обстріл\w*|обстрел\w*"
    # the act itself: "осудило задержания", "condemned the detentions", "засудив убивство"
    r"|detentions?|arrests?|abductions?|killings?|executions?|deportations?|задержани\w*"
    r"|затриманн\w*|арешт\w*|арест\w*|викраденн\w*|похищени\w*|вбивств\w*|убийств\w*"
    r"|розстріл\w*|расстрел\w*|страт\w*|депортаці\w*|депортаци\w*)(?!\w)"
    r"(?!\s*,?\s*(?:in\s+which|during\s+which|у\s+якому|у\s+якій|під\s+час\s+якого"
    r"|в\s+ходе\s+которого|в\s+котором|во\s+время\s+которого))"
)
# "як стало відомо Національній спілці журналістів", "ІМІ стало відомо", "как стало известно
# правозащитникам": the body that came to know it and tells it.  Only right beside the body:
# "Як стало відомо, на місце прибули поліцейські" names no speaker.
_LEARNED_BEFORE = guarded(r"(?i)(?<!\w)стало\s+(?:відомо|известно)\s+$")
_LEARNED_AFTER = re.compile(r"(?i)\s+стало\s+(?:відомо|известно)(?!\w)")
# A body cue that ends in an adjective and so may name another body's head.
_OPEN_ENDED = guarded(r"(?i)\b(?:regional|oblast|city|district)$")
# The body's premises or vehicles as what was hit ("влучив у будівлю відділу поліції", "struck
# a police station"): a target, not a source.
_PREMISES_BEFORE = guarded(
    r"(?i)(?<!\w)(?:будівл\w*|приміщенн\w*|адмінбудівл\w*|відділ|відділу|відділок|відділку"
    r"|відділенн\w*|райвідділ\w*|здани\w*|помещени\w*|отдел|отдела|отделени\w*"
    r"|автомобіл\w*|автомобил\w*|машин\w*|авто)\s+$"
)
_PREMISES_AFTER = re.compile(
    r"(?i)^\s+(?:station|stations|building|buildings|headquarters|precinct|car|cars|vehicle"
    r"|vehicles|van|post|checkpoint)\b"
)
# "поліцейський автомобіль": the body's adjective before a vehicle or building.
_PREMISES_ADJECTIVE = re.compile(
    r"(?i)^\w*\s+(?:автомобіл\w*|автомобил\w*|машин\w*|авто|відділ\w*|будин\w*)\b"
)
# A party to the events told, not a source (taxonomy: the perpetrator is "as reported"):
# the body blamed for the attack ('blamed "the Armed Forces of Ukraine"', 'звинуватив ЗСУ',
# 'обвинил ВСУ'), the attack's agent ('a drone of the Armed Forces', 'удару ЗСУ', 'з боку
# ЗСУ', 'by the Ukrainian military'), the side the victims were said to help or serve
# ('у співпраці з ЗСУ', 'передавав інформацію ЗСУ', 'служать у ЗСУ').
_PARTY_BEFORE = guarded(
    r"(?i)(?<!\w)(?:"
    r"blam\w*|accus\w*|attribut\w*\s+(?:\w+\s+){0,3}?to|звинуват\w*|звинувач\w*|обвинува\w*"
    r"|обвиня\w*|обвини\w*|винит\w*|винят\w*|відповідальн\w*\s+на|ответственност\w*\s+на"
    r"|(?:attack\w*|strikes?|shelling|fire|launched|carried\s+out|perpetrated)\s+by"
    r"|удар\w*|атак\w*|обстріл\w*|обстрел\w*|дрон\w*|безпілотник\w*|беспилотник\w*|БпЛА|БПЛА"
    r"|(?:drones?|missiles?|shells?)\s+(?:of|from)"
    r"|з\s+боку|со\s+стороны|силами|on\s+the\s+part\s+of"
    r"|співпрац\w*\s+(?:з|із|зі)|сотрудничеств\w*\s+с|сотрудничал\w*\s+с|collaborat\w*\s+with"
    r"|cooperat\w*\s+with|допомог\w*|допомаг\w*|помощ\w*|помога\w*|помог\w*|підтримк\w*"
    r"|поддержк\w*|на\s+користь|в\s+пользу|(?:helping|helped|help|supporting|aiding)(?:\s+the)?"
    r"|(?:переда\w*|передач\w*|зли\w*|сли\w*|passing|passed|leaking)\s+(?:\w+\s+){0,2}?"
    r"(?:інформаці\w*|информаци\w*|дан\w*|відомост\w*|сведени\w*|координат\w*|information"
    r"|coordinates|data)(?:\s+(?:to|до))?"
    r"|служ\w*\s+(?:у|в|до)|воюва\w*\s+(?:у|в|за)|воева\w*\s+(?:в|за)|лава\w*|ряда\w*|складі"
    r"|составе|(?:serv\w*|fought|fighting)\s+(?:in|with|for)(?:\s+the)?"
    r")\s+(?:the\s+)?[\"“«'‘]?\s*$"
)
# The attack's subject: 'ЗСУ атакували', 'the Ukrainian military attacked', 'Генштаб ЗСУ
# уразив', with at most an auxiliary or an adverb between.
_ATTACK_VERB = (
    r"(?:атакува\w*|атакова\w*|атакуют|обстріля\w*|обстрілю\w*|обстреля\w*|обстрелива\w*"
    r"|вдари\w*|удари\w*|ударя\w*|завда\w*|нанес\w*|нанос\w*|нанёс\w*|скину\w*|скида\w*"
    r"|сброси\w*|сбрасыва\w*|уразил\w*|уражу\w*|поразил\w*|поража\w*|знищил\w*|уничтожил\w*"
    r"|бомби\w*|розстріля\w*|расстреля\w*|attack(?:ed|s)?|struck|strikes?|shell(?:ed|s)?"
    r"|hit(?:s)?|fired|targeted|bombed|dropped|destroyed"
    r"|launched(?!\s+(?:an?\s+|a\s+criminal\s+)?(?:investigation|probe|inquiry|case|proceedings)))"
)
_PARTY_AFTER = re.compile(
    rf"(?i)^[\"”»'’]?\s+(?:(?:had|have|has|were|was|reportedly|again|also|then|знову|також"
    rf"|вновь|снова|опять|также|ещё|еще|вже|уже)\s+){{0,2}}{_ATTACK_VERB}(?!\w)"
)
# A combatant body (bodies.json combatant_bodies) tells of its own forces' attack ("the
# General Staff said its forces had hit an ammunition depot", "Генштаб повідомив про
# ураження"): the attacker's claim, not a report of harm to civilians.
_OWN_ATTACK = re.compile(
    rf"(?i)^(?:[’']s)?\s+(?:[\w’'-]+\s+){{0,2}}?(?:said|says|reported|claimed|announced|stated"
    rf"|confirmed|повідоми\w*|заяви\w*|підтверди\w*|сообщи\w*|заяви\w*|подтверди\w*)"
    rf"(?:\s+[\w’'-]+){{0,4}}?\s+(?:(?:that|що|что)\s+)?(?:"
    rf"(?:its|their|our|his)\s+(?:own\s+)?(?:forces|troops|units|drones|soldiers|military"
    rf"|artillery|missiles)\s+(?:had\s+|have\s+|has\s+)?{_ATTACK_VERB}"
    rf"|(?:it|they)\s+(?:had\s+|have\s+|has\s+)?{_ATTACK_VERB}"
    rf"|про\s+(?:успішне\s+)?(?:ураження|знищення)|о\s+(?:поражении|уничтожении))(?!\w)"
)
# Crews that are not army brigades: "бригада швидкої", "медсестра бригади", "бригада скорой",
# "fire brigade", "бригада медиків", "ремонтна бригада".
_CREW_AFTER = re.compile(
    r"(?i)^\w*\s+(?:[«\"“„]?\s*)(?:швидк\w*|скор\w*|екстрен\w*|экстрен\w*|невідклад\w*"
    r"|неотлож\w*|медик\w*|медичн\w*|медицин\w*|лікар\w*|врач\w*|парамедик\w*|=?ЕМД|=?СМП"
    r"|ДСНС|МЧС|рятувальник\w*|спасател\w*|пожежн\w*|пожарн\w*|ремонтник\w*|енергетик\w*"
    r"|энергетик\w*|газовик\w*|комунальник\w*|коммунальщик\w*|of\s+(?:paramedics|medics"
    r"|doctors|rescuers|firefighters))"
)
_CREW_BEFORE = guarded(
    r"(?i)(?<!\w)(?:медичн\w*|медицинск\w*|ремонтн\w*|аварійн\w*|аварийн\w*|рятувальн\w*"
    r"|спасательн\w*|пожежн\w*|пожарн\w*|фельдшер\w*|медсестр\w*|медбрат\w*|лікар\w*"
    r"|врач\w*|водій\w*|водія|водител\w*|парамедик\w*|fire|ambulance|medical|rescue|repair"
    r"|emergency)\s+$"
)
_CREW_WORD = re.compile(r"(?i)^(?:бригад\w*|brigades?)$")


# What a sentence must tell for a context body to be reporting it: an act on people or
# objects (a strike, a killing, a detention...) or a crime's mark (deportation, a grave).
_HARM_PREFIXES = (
    "act.",
    "cue.deport",
    "cue.sexual",
    "cue.mass_grave",
    "cue.pillage",
    "cue.prohibited",
    "cue.forced_service",
)


@lru_cache(maxsize=1)
def _russian_officials() -> re.Pattern[str]:
    """Names of Russian and Russian-installed officials (bodies.json russian_officials)."""
    data = _load("bodies.json").get("russian_officials")
    if not isinstance(data, dict) or not isinstance(data.get("phrases"), list):
        raise RulesError("bodies.json: russian_officials must be an object with a phrases list")
    return compile_phrases(data["phrases"], "bodies.json: russian_officials")


# How far from a body phrase an official's name still belongs to it
# ("губернатор Херсонской области Владимир Сальдо", "Saldo, the Moscow-installed head").
_OFFICIAL_REACH = 60


def _russian_official(doc: Document, index: int, start: int, end: int) -> bool:
    sent = doc.sentences[index]
    lo, hi = max(sent.start, start - _OFFICIAL_REACH), min(sent.end, end + _OFFICIAL_REACH)
    return bool(_russian_officials().search(doc.text[lo:hi]))


@dataclass(frozen=True, slots=True)
class BodyValue:
    body_id: str
    role: str  # reported | investigates | notified | mentioned


def _mentions(doc: Document, rules: Rules) -> list[tuple[int, int, str, int]]:
    found: list[tuple[int, int, str, int]] = []
    if not doc.sentences:
        return found
    lo, hi = doc.sentences[0].start, doc.sentences[-1].end
    for body_id, start, end in rules.body_index.scan(doc.text, lo, hi):
        index = doc.sentence_at(start, end)
        if index is not None and not doc.masked(start, end):
            found.append((start, end, body_id, index))
    # Longest wins where two bodies overlap ("UN Human Rights Office" is not also "UN").
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, int]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    # "the head of the regional police": a cue that ends in an adjective ("head of the
    # regional") belongs to the body named right after it, not to its own body.
    return [
        item
        for item, after in zip(kept, [*kept[1:], None][: len(kept)], strict=True)
        if not (
            after is not None
            and after[2] != item[2]
            and _OPEN_ENDED.search(doc.text[item[0] : item[1]])
            and not doc.text[item[1] : after[0]].strip()
        )
    ]


def _role(doc: Document, rules: Rules, start: int, end: int, index: int, body_id: str) -> str:
    sent = doc.sentences[index]
    text = doc.text[sent.start : sent.end]
    before = doc.text[sent.start : start]
    clause = re.split(r"[;:]|,\s+(?:and|but|while)\s+", before)[-1]
    notified = rules.roles["notified"].search(clause) or _HANDED_TO.search(clause)
    said = list(rules.roles["reported"].finditer(clause))
    if (
        notified
        and not (said and said[-1].start() > notified.end())
        and not _own_verb_after(doc, rules, end, sent.end)
    ):
        return "notified"
    if source_line(text):  # "Source: Berdiansk City Military Administration"
        return "reported"
    if _TOLD_AFTER.match(doc.text[end : sent.end]):
        return "notified"
    if _party(doc, start, end, index) or (
        body_id in rules.combatant_bodies and _OWN_ATTACK.match(doc.text[end : sent.end])
    ):
        return "mentioned"  # "blamed the Armed Forces of Ukraine", "ЗСУ атакували": the perpetrator
    if _HOMETOWN_AFTER.match(doc.text[end : sent.end]) or _HOMETOWN_BEFORE.search(before):
        return "mentioned"  # "in President Zelenskyy's hometown": a place, not a source
    if _premises(doc, start, end, index):
        return "mentioned"  # "a drone hit the police station": the body's building
    if _at_scene(doc, rules, start, end, index):
        return "mentioned"  # "на місці працюють рятувальники та поліція": present, not a source
    if _employer(doc, rules, start, end, index):
        return "mentioned"  # "an employee of the city administration was killed"
    # "Zelensky said at the NATO summit ...": the president on something else.
    if body_id in rules.context_bodies and not _tells_of_harm(doc, rules, index):
        return "mentioned"
    # The Air Force on the night's nationwide drone totals says nothing of this incident.
    if body_id in rules.unrelated_bodies and rules.unrelated_figures.search(text):
        return "mentioned"
    if rules.roles["investigates"].search(text):
        return "investigates"
    if _headed_by(doc, start, end, index):
        return "reported"  # "Офіс генпрокурора: у Херсоні загинула жінка", "IMI: ..."
    crews = bool(rules.own_work_generic.fullmatch(doc.text, start, end))
    if any(
        _speaks(doc, m, sent.start, start)
        and (not crews or _crew_speaks(doc, rules, m, sent.start, start, end))
        for m in rules.roles["reported"].finditer(text)
    ):
        return "reported"
    if _LEARNED_BEFORE.search(before) or _LEARNED_AFTER.match(doc.text, end, sent.end):
        return "reported"  # "як стало відомо ІМІ": the body came to know it and tells it
    if _CONDEMNS_THE_STRIKE.match(doc.text, end, sent.end):
        return "reported"  # "the WHO condemned the strike": a statement on this incident
    if _own_work(doc, rules, start, end, text, body_id):
        return "reported"  # "загасили підрозділи ДСНС": the service relays its own work
    return "mentioned"


# "Prosecutors: Russian troops shot two civilians", "ІМІ: у Херсоні ...", "ООН: ...": a line
# that opens with a body's name and a colon gives what the body says.  A few words may stand
# beside the name ("Kherson regional prosecutors:", "Офіс генпрокурора України:").
_HEAD_BEFORE = re.compile(r"[\s\"“«'‘(\[*•▪️🔹🔸-]*(?:[\w’'.-]+\s+){0,3}$")
_HEAD_AFTER = re.compile(r"(?:[’']s)?(?:\s+[\w’'.-]+){0,3}\s*:\s*\S")


def _headed_by(doc: Document, start: int, end: int, index: int) -> bool:
    sent = doc.sentences[index]
    return bool(
        _HEAD_BEFORE.match(doc.text, sent.start, start)
        and _HEAD_AFTER.match(doc.text, end, sent.end)
    )


# "sent a letter to the ICRC and the UN said it was alarmed": a body appealed to in the clause
# before it but with a report verb of its own right after it (a word or two between: "the UN
# Secretary-General said") is the subject of a new clause.  Not after a comma ("..., said
# Lubinets"), a relative pronoun or a preposition, nor a participle ("saying", "повідомивши").
_GAP_WORD = re.compile(
    r"(?:[’']s)?\s+(?!(?:which|that|who|where|with|to|in|on|at|about|for|from|and|or|by"
    r"|regarding|який|яка|яке|які|котрий|що|щодо|і|та|й|и|або|з|із|зі|про|о|об|в|у|на|до|по"
    r"|для|который|которая|которое|которые|что|с|со)(?![\w’'-]))[\w’'-]+",
    re.IGNORECASE,
)
_SPACE = re.compile(r"(?:[’']s)?\s+")
_PARTICIPLE = re.compile(r"(?i)(?:ing|вши|вшись|ючи|ячи)$")


def _own_verb_after(doc: Document, rules: Rules, end: int, stop: int) -> bool:
    pos = end
    for _ in range(3):
        space = _SPACE.match(doc.text, pos, stop)
        if space is None:
            return False
        verb = rules.roles["reported"].match(doc.text, space.end(), stop)
        if verb is not None:
            word = verb.group(0)
            return not (_PARTICIPLE.search(word) or _IMPERSONAL.search(word))
        word_gap = _GAP_WORD.match(doc.text, pos, stop)
        if word_gap is None:
            return False
        pos = word_gap.end()
    return False


def _party(doc: Document, start: int, end: int, index: int) -> bool:
    """The body is the attacker as reported, the side blamed, or the side the victims were
    said to serve: a party to the events, never their source."""
    sent = doc.sentences[index]
    before = doc.text[max(sent.start, start - 60) : start]
    after = doc.text[end : sent.end]
    return bool(_PARTY_BEFORE.search(before) or _PARTY_AFTER.match(after))


def _crew(doc: Document, start: int, end: int, index: int) -> bool:
    if not _CREW_WORD.match(doc.text[start:end]):
        return False
    sent = doc.sentences[index]
    before = doc.text[max(sent.start, start - 30) : start]
    return bool(_CREW_BEFORE.search(before) or _CREW_AFTER.match(doc.text[end : sent.end]))


def _own_work(doc: Document, rules: Rules, start: int, end: int, text: str, body_id: str) -> bool:
    """A service named as an institution ("підрозділи ДСНС", "State Emergency Service
    crews"), not by its generic crews ("рятувальники", "rescuers"), in a sentence that tells
    its completed work on the site ("загасили пожежу", "extinguished the blaze")."""
    return (
        body_id in rules.own_work_bodies
        and not rules.own_work_generic.fullmatch(doc.text, start, end)
        and bool(rules.own_work.search(text))
    )


def condemns_the_strike(doc: Document, body: Span) -> bool:
    """The body's clause condemns this strike before its sentence gives any figure: the
    figure after it ("..., which has recorded more than 2,100 such attacks since 2022") is
    the body's tally, not what it is quoted on."""
    sent = doc.sentences[body.sentence]
    m = _CONDEMNS_THE_STRIKE.match(doc.text, body.end, sent.end)
    if not m:
        return False
    if any(c.start < m.end() for c in doc.spans_of("count", body.sentence)):
        return False
    return not re.search(r"\d", doc.text[sent.start : m.end()])


# Words between a speaker and its report verb: "rescuers said", "рятувальники ДСНС
# повідомили", "said the rescue workers", "— розповіли рятувальники".
_SPEAKER_GAP = re.compile(r"[\s\"”»“«'’—–-]*(?:[\w’'.-]+[\s\"”»“«'’—–-]+){0,5}")


def _beside(doc: Document, a: int, b: int, cue_start: int, cue_end: int) -> bool:
    """The mention [a, b) stands right beside the report verb: its speaker."""
    if b <= cue_start:
        return bool(_SPEAKER_GAP.fullmatch(doc.text, b, cue_start))
    if a >= cue_end:
        return bool(_SPEAKER_GAP.fullmatch(doc.text, cue_end, a))
    return True


def _crew_speaks(
    doc: Document, rules: Rules, cue: re.Match[str], offset: int, start: int, end: int
) -> bool:
    """Generic crews ("rescuers", "рятувальники") are people at work: they report only by a
    speech verb right beside them ("рятувальники повідомили", "rescuers said"), not by their
    work ("Rescuers pulled two more bodies from the rubble") nor by another's verb ("...,
    governor Syniehubov wrote")."""
    if rules.own_work_site.fullmatch(cue.group(0)):
        return False
    return _beside(doc, start, end, offset + cue.start(), offset + cue.end())


def _speaks(doc: Document, cue: re.Match[str], offset: int, start: int) -> bool:
    """A report cue that can be the body's: any but an impersonal one ("як зазначається,
    коли приїхали поліцейські, ..."), which names no speaker, unless the body follows it
    closely ("повідомляється на сайті поліції")."""
    if not _IMPERSONAL.search(cue.group(0)):
        return True
    return bool(_IMPERSONAL_SOURCE.match(doc.text[offset + cue.end() : start]))


def _premises(doc: Document, start: int, end: int, index: int) -> bool:
    """The mention names the body's building or vehicle in a sentence that tells of a
    strike: what was hit, not who reported it."""
    cues = doc.cues[index] if index < len(doc.cues) else {}
    if "act.strike" not in cues and "target.civilian" not in cues:
        return False
    sent = doc.sentences[index]
    before = doc.text[max(sent.start, start - 40) : start]
    after = doc.text[end : min(sent.end, end + 40)]
    return bool(
        _PREMISES_BEFORE.search(before)
        or _PREMISES_AFTER.match(after)
        or _PREMISES_ADJECTIVE.match(after)
    )


def _at_scene(doc: Document, rules: Rules, start: int, end: int, index: int) -> bool:
    """The mention is in a clause that only says the body is at work on the site ("На
    місці працюють рятувальники та поліція", "police are working at the scene"), with no
    report cue between the clause's verb and the mention."""
    sent = doc.sentences[index]
    lead = _SCENE_BEFORE.search(doc.text[sent.start : start])
    if lead and not rules.roles["reported"].search(lead.group(0)):
        return True
    tail = _SCENE_AFTER.match(doc.text[end : sent.end])
    return bool(tail and not rules.roles["reported"].search(tail.group(0)))


def _employer(doc: Document, rules: Rules, start: int, end: int, index: int) -> bool:
    """The mention names a victim's workplace ("a staff member of the regional
    administration was wounded"): an employee phrase before it and a victim word right
    before that phrase or right after the mention."""
    sent = doc.sentences[index]
    lo = max(sent.start, start - 60)
    if _MEMBER_BEFORE.search(doc.text[lo:start]) and _tells_of_harm(doc, rules, index):
        return True
    employee = _EMPLOYEE_BEFORE.search(doc.text[lo:start])
    if not employee or not _tells_of_harm(doc, rules, index):
        return False
    at = lo + employee.start()
    lead = doc.text[max(sent.start, at - 40) : at]
    return bool(_VICTIM_BEFORE.search(lead) or _VICTIM_AFTER.match(doc.text[end : sent.end]))


def _tells_of_harm(doc: Document, rules: Rules, index: int) -> bool:
    """The sentence gives a toll or says someone was harmed or something struck."""
    if doc.spans_of("count", index):
        return True
    cues = doc.cues[index] if index < len(doc.cues) else {}
    return any(g in rules.outcome_cues or g.startswith(_HARM_PREFIXES) for g in cues)


def run(doc: Document, rules: Rules) -> None:
    found: list[tuple[int, int, str, int, str]] = []
    for start, end, body_id, index in _mentions(doc, rules):
        before = doc.text[max(doc.sentences[index].start, start - 50) : start]
        after = doc.text[end : min(doc.sentences[index].end, end + 40)]
        if (
            _RUSSIAN_QUALIFIER.search(before)
            or _RUSSIAN_AFTER.match(after)
            or _SO_CALLED.search(before)
        ):
            continue
        if _russian_official(doc, index, start, end):
            continue
        if _crew(doc, start, end, index):
            continue  # "бригада швидкої": an ambulance crew, not an army brigade
        found.append((start, end, body_id, index, _role(doc, rules, start, end, index, body_id)))
    found = _anaphora(doc, rules, found)
    roles = _conjuncts(doc, rules, found)
    for (start, end, body_id, index, _), role in zip(found, roles, strict=True):
        conf = 0.85 if role != "mentioned" else 0.4
        doc.spans.append(
            Span(
                start,
                end,
                "body",
                BodyValue(body_id, role),
                STAGE,
                f"body.{body_id}.{role}",
                index,
                conf,
            )
        )
    # A sentence whose bodies are only mentioned ("a volunteer from a local charity was among
    # the wounded, he said") still has its pronoun speak for the body before it.
    speaking = {f[3] for f, role in zip(found, roles, strict=True) if role != "mentioned"}
    _pronoun_speakers(doc, rules, speaking)


# "the rights group", "the human rights organisation": a definite generic NGO phrase.
_DEFINITE_BEFORE = guarded(r"(?i)(?<!\w)the\s+(?:[\w’'-]+\s+)?$")
_ANAPHORA_REACH = 3  # sentences back


def _anaphora(
    doc: Document, rules: Rules, found: list[tuple[int, int, str, int, str]]
) -> list[tuple[int, int, str, int, str]]:
    """ "Amnesty International said ... In a 28-page briefing, the rights group said ...": a
    definite generic NGO phrase (ngo-other) just after a rights group with its own id is that
    group, not another NGO."""
    out = list(found)
    for k, (start, end, body_id, index, role) in enumerate(found):
        if body_id != "ngo-other":
            continue
        lo = max(doc.sentences[index].start, start - 30)
        if not _DEFINITE_BEFORE.search(doc.text, lo, start):
            continue
        named = [
            f[2]
            for f in found[:k]
            if f[2] in rules.anaphora_bodies and index - _ANAPHORA_REACH <= f[3] <= index
        ]
        if named:
            out[k] = (start, end, named[-1], index, role)
    return out


def _speaks_here(doc: Document, rules: Rules, index: int, back: int, body_id: str) -> bool:
    """The body the pronoun stands for may report in this sentence: not the president on
    what tells no harm, nor a body whose statement the pronoun goes on with is on nationwide
    figures ('Zelenskyy said Russia had fired more than 1,000 drones at Ukraine ... "Every
    one of these drones is a reason for more sanctions," he wrote')."""
    if body_id in rules.context_bodies and not _tells_of_harm(doc, rules, index):
        return False
    sent, prior = doc.sentences[index], doc.sentences[back]
    return not (
        rules.unrelated_figures.search(doc.text, prior.start, prior.end)
        or (
            body_id in rules.unrelated_bodies
            and rules.unrelated_figures.search(doc.text, sent.start, sent.end)
        )
    )


# How many sentences back a speaking pronoun may find the body it stands for.
_PRONOUN_REACH = 3


def _pronoun_speakers(doc: Document, rules: Rules, named: set[int]) -> None:
    """ "В Синельниково ранены двое мужчин, сообщил глава ОВА. ... В Апостолово ранена
    женщина, добавил он.": a pronoun that speaks, in a sentence that names no body, is the
    body that reported in one of the sentences just before; a speaker that is no body in
    between ("a neighbour said") ends the search."""
    for index, sent in enumerate(doc.sentences):
        if index in named:
            continue
        m = rules.pronoun_speakers.search(doc.text, sent.start, sent.end)
        if m is None or doc.masked(m.start(), m.end()):
            continue
        for back in range(index - 1, max(-1, index - 1 - _PRONOUN_REACH), -1):
            said = [s for s in doc.spans_of("body", back) if s.value.role == "reported"]
            if said:
                body_id = said[-1].value.body_id
                if not _speaks_here(doc, rules, index, back, body_id):
                    break
                doc.spans.append(
                    Span(
                        m.start(),
                        m.end(),
                        "body",
                        BodyValue(body_id, "reported"),
                        STAGE,
                        f"body.{body_id}.pronoun",
                        index,
                        0.7,
                    )
                )
                break
            prior = doc.sentences[back]
            if rules.roles["reported"].search(doc.text, prior.start, prior.end):
                break


# Between two bodies of one list: "the ICRC and the UN", "ООН, МКЧХ та ОБСЄ" (", and" may
# open a clause of its own: "sent a letter to the ICRC, and the UN confirmed ...").
_CONJUNCT = re.compile(
    r"(?i)\s*(?:,|\band(?:\s+to)?|\bor|\bas\s+well\s+as|&|та|і|й|и|або|а\s+також|та\s+до|і\s+до"
    r"|а\s+также|и\s+в)\s+(?:the\s+)?"
)
_CLAUSE_END = re.compile(r"[,.;:!?()]")


def _conjuncts(
    doc: Document, rules: Rules, found: list[tuple[int, int, str, int, str]]
) -> list[str]:
    """Bodies listed together share the list's role: "forwarded the materials to the
    International Committee of the Red Cross and the UN" notifies both, "the ICRC and the UN
    were informed" too.  A body with its own report verb ("... and the UN said") keeps it."""
    roles = [f[4] for f in found]
    for k in range(1, len(found)):
        a, b = found[k - 1], found[k]
        if a[3] != b[3] or not _CONJUNCT.fullmatch(doc.text, a[1], b[0]):
            continue
        if roles[k - 1] == "notified" and roles[k] != "notified":
            stop = _CLAUSE_END.search(doc.text, b[1], doc.sentences[b[3]].end)
            tail = doc.text[b[1] : stop.start() if stop else doc.sentences[b[3]].end]
            if not rules.roles["reported"].search(tail):
                roles[k] = "notified"
    for k in range(len(found) - 1, 0, -1):
        a, b = found[k - 1], found[k]
        if a[3] != b[3] or not _CONJUNCT.fullmatch(doc.text, a[1], b[0]):
            continue
        if roles[k] == "notified" and _TOLD_AFTER.match(doc.text[b[1] : doc.sentences[b[3]].end]):
            roles[k - 1] = "notified"
    return roles
