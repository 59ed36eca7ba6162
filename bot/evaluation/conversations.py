"""Whole-pipeline evaluation: questions asked of a running assistant, replies classified.

Each line of the question file is one fresh conversation through the REST webhook:
`{"lang", "question", "expect"}` with `expect` a FAQ id (or a list of acceptable ids),
`"not-covered"` or `"emergency"`; optional `"choose": true` picks the language first (as the
language button does; always for ja-easy, which cannot be told from the text), optional
`"needs": ["119"]` lists facts the reply must contain, optional `"half"` names the half of a
blind set the line belongs to.

Every reply is read as one of: an emergency reply, a direct answer (which FAQ), suggestions
(which FAQs), an honest "no answer" with a next step, a handoff to staff, or something else;
and its language is checked against the resident's. Metrics, overall, per language and per half:
- direct_precision: direct answers that are the expected FAQ, of all direct answers;
- in_scope_answered: questions with an expected FAQ answered by it, or offering it;
- not_covered_honest: not-covered questions that got the honest "no answer" or staff;
- language_ok: replies entirely in the resident's language;
- emergency_first: emergencies whose first message is the emergency reply;
- facts_ok: replies holding every fact the line needs (lines with `needs` only).
"""

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
import json
from pathlib import Path
import re
from typing import Dict, Iterable, List, Optional, Sequence, Tuple
import uuid

import aiohttp

from bot.evaluation.reply_catalog import KnownText, ReplyCatalog
from bot.langid import detect
from bot.languages import LANGUAGES

NOT_COVERED, EMERGENCY = "not-covered", "emergency"
# The texts that mean "I have no answer for this; here is who has": the FAQ action's, and
# Rasa's response to what is none of the assistant's topics.
HONEST_KEYS = ("faq_no_answer", "utter_out_of_scope")
HANDOFF_PREFIXES = ("handoff_", "staff_unreachable")
# Replies of an action that answer what a FAQ answers, better: the nearest evacuation sites
# themselves (or the request for the location to find them), the 119/110 phrase card.
ACTION_ANSWERS = {"shelters_": "disaster-nearest-shelter",
                  "phrase_card_title_": "medical-how-to-call-119"}
_FAQ_BUTTON = re.compile(r'^/ask_question\{"faq_id": ?"([^"]+)"\}$')
_REQUEST_TIMEOUT_S = 60


class QuestionFileError(ValueError):
    pass


@dataclass(frozen=True)
class Question:
    lang: str
    question: str
    expect: Tuple[str, ...]  # acceptable FAQ ids, or (not-covered,) or (emergency,)
    choose: bool = False
    needs: Tuple[str, ...] = ()
    half: str = ""

    @property
    def in_scope(self) -> bool:
        return self.expect[0] not in (NOT_COVERED, EMERGENCY)


def read_questions(path: Path) -> List[Question]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            expect = row["expect"]
            expect = tuple(expect) if isinstance(expect, list) else (expect,)
            question = Question(row["lang"], row["question"], expect,
                                bool(row.get("choose")) or row["lang"] == "ja-easy",
                                tuple(row.get("needs") or ()), str(row.get("half") or ""))
        except (ValueError, KeyError, TypeError) as error:
            raise QuestionFileError(f"{path}:{number}: not a question line ({error})") from None
        if question.lang not in LANGUAGES or not question.question or not expect:
            raise QuestionFileError(f"{path}:{number}: needs lang (one of {LANGUAGES}), "
                                    "question and expect")
        questions.append(question)
    return questions


@dataclass
class Reading:
    kind: str  # emergency, answer, suggestions, unknown, handoff, other, none
    faq_id: Optional[str] = None
    suggested: Tuple[str, ...] = ()
    first_is_emergency: bool = False
    languages: List[str] = field(default_factory=list)  # of each message with letters
    text: str = ""


def _suggested(messages: Sequence[dict]) -> Tuple[str, ...]:
    ids = []
    for message in messages:
        for button in message.get("buttons") or []:
            match = _FAQ_BUTTON.match(str(button.get("payload", "")))
            if match:
                ids.append(match.group(1))
    return tuple(ids)


def _message_language(names: List[KnownText], text: str, expected: str) -> Optional[str]:
    if names:  # a known text; identical in several languages (a number, a URL) fits each
        languages = {n.language for n in names}
        return expected if expected in languages else sorted(languages)[0]
    detection = detect(text)
    if not detection.decisive:
        return None
    # A composed text (a list of sites) in Japanese serves easy Japanese too.
    return expected if (expected, detection.language) == ("ja-easy", "ja") \
        else detection.language


def read_reply(catalog: ReplyCatalog, messages: Sequence[dict], expected_language: str) -> Reading:
    texts = [m["text"] for m in messages if m.get("text")]
    if not texts:
        return Reading("none")
    names = [catalog.name_all(t) for t in texts]
    reading = Reading("other", text="\n".join(texts))
    reading.languages = [lang for t, n in zip(texts, names)
                         if (lang := _message_language(n, t, expected_language))]
    keys = [(n[0].source, n[0].key) if n else ("", "") for n in names]
    reading.first_is_emergency = keys[0][1].startswith("emergency_help_")
    reading.suggested = _suggested(messages)
    if any(key.startswith("emergency_help_") for _, key in keys):
        reading.kind = "emergency"
    elif any(source == "faq" for source, _ in keys):
        reading.kind = "answer"
        reading.faq_id = next(key for source, key in keys if source == "faq")
    elif any(key.startswith(prefix) for _, key in keys for prefix in ACTION_ANSWERS):
        reading.kind = "answer"
        reading.faq_id = next(faq for _, key in keys for prefix, faq in ACTION_ANSWERS.items()
                              if key.startswith(prefix))
    elif any(key in HONEST_KEYS for _, key in keys):
        reading.kind = "unknown"
    elif any(key.startswith(HANDOFF_PREFIXES) for _, key in keys):
        reading.kind = "handoff"
    elif reading.suggested:
        reading.kind = "suggestions"
    return reading


@dataclass
class Outcome:
    question: Question
    reading: Reading

    @property
    def answered_right(self) -> bool:
        return self.reading.kind == "answer" and self.reading.faq_id in self.question.expect

    @property
    def in_scope_answered(self) -> bool:
        return self.answered_right or (self.reading.kind != "answer" and any(
            faq_id in self.question.expect for faq_id in self.reading.suggested))

    @property
    def honest(self) -> bool:
        return self.reading.kind in ("unknown", "handoff")

    @property
    def language_ok(self) -> bool:
        return all(lang == self.question.lang for lang in self.reading.languages)

    @property
    def facts_ok(self) -> bool:
        return all(fact in self.reading.text for fact in self.question.needs)


def _ratio(part: int, whole: int) -> Optional[float]:
    return round(part / whole, 4) if whole else None


def metrics(outcomes: Sequence[Outcome]) -> Dict:
    answers = [o for o in outcomes if o.reading.kind == "answer"]
    in_scope = [o for o in outcomes if o.question.in_scope]
    not_covered = [o for o in outcomes if o.question.expect[0] == NOT_COVERED]
    emergencies = [o for o in outcomes if o.question.expect[0] == EMERGENCY]
    with_needs = [o for o in outcomes if o.question.needs]
    return {
        "direct_precision": _ratio(sum(o.answered_right for o in answers), len(answers)),
        "in_scope_answered": _ratio(sum(o.in_scope_answered for o in in_scope), len(in_scope)),
        "not_covered_honest": _ratio(sum(o.honest for o in not_covered), len(not_covered)),
        "language_ok": _ratio(sum(o.language_ok for o in outcomes), len(outcomes)),
        "emergency_first": _ratio(sum(o.reading.first_is_emergency for o in emergencies),
                                  len(emergencies)),
        "facts_ok": _ratio(sum(o.facts_ok for o in with_needs), len(with_needs)),
        "direct_answers": len(answers),
        "n": len(outcomes),
    }


def summarize(outcomes: Sequence[Outcome]) -> Dict:
    """Metrics overall, per language and, when the lines name halves, per half."""
    groups: Dict[str, List[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.question.lang].append(outcome)
        if outcome.question.half:
            groups[f"half:{outcome.question.half}"].append(outcome)
            groups[f"half:{outcome.question.half}:{outcome.question.lang}"].append(outcome)
    return {"overall": metrics(outcomes), **{name: metrics(group)
                                              for name, group in sorted(groups.items())}}


def failures(outcomes: Iterable[Outcome]) -> Iterable[Tuple[str, Outcome]]:
    """Each outcome that misses a metric, with what it missed."""
    for o in outcomes:
        expect = o.question.expect[0]
        if o.reading.kind == "answer" and not o.answered_right:
            yield "wrong answer", o
        elif o.question.in_scope and not o.in_scope_answered:
            yield "not answered", o
        elif expect == NOT_COVERED and not o.honest:
            yield "not honest", o
        elif expect == EMERGENCY and not o.reading.first_is_emergency:
            yield "emergency missed", o
        if not o.language_ok:
            yield "wrong language", o
        if not o.facts_ok:
            yield "fact missing", o


class RestClient:
    """One fresh conversation per question, through the REST webhook."""

    def __init__(self, url: str, session: aiohttp.ClientSession):
        self.url = url.rstrip("/") + "/webhooks/rest/webhook"
        self._session = session

    async def say(self, sender: str, message: str) -> List[dict]:
        async with self._session.post(self.url, json={"sender": sender, "message": message},
                                      timeout=aiohttp.ClientTimeout(total=_REQUEST_TIMEOUT_S)
                                      ) as response:
            response.raise_for_status()
            return await response.json()

    async def ask(self, question: Question) -> List[dict]:
        sender = f"eval-{uuid.uuid4().hex}"
        if question.choose:
            await self.say(sender, '/choose_language{"language": "%s"}' % question.lang)
        return await self.say(sender, question.question)


async def ask_all(url: str, questions: Sequence[Question], catalog: ReplyCatalog,
                  concurrency: int = 4) -> List[Outcome]:
    limit = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession() as session:
        client = RestClient(url, session)

        async def one(question: Question) -> Outcome:
            async with limit:
                reply = await client.ask(question)
            return Outcome(question, read_reply(catalog, reply, question.lang))

        return list(await asyncio.gather(*(one(q) for q in questions)))
