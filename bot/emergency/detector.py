"""Is this message an emergency happening now? Which kind, and which number to call?

A message raises the alarm when it reports an emergency ("my house is on fire", 倒れています)
or shouts one ("火事！", "help fire", "cứu với cháy nhà"). A word alone without a shout
("tsunami", 救急車) is a topic: residents use it to open the topic's answers. Messages about emergencies that are
not happening now get their normal answer: hypotheticals ("if there is a fire…"), the past
("昨日火事があった"), jokes ("dying of boredom lol") and questions about the service or
preparing ("is 119 free?").
The cues are data: cues/<lang>.yml. What they do not list, a model learned from examples of
each situation and of look-alikes reads (situation_model.py); either one raises the alarm:
a missed emergency is the worst failure, so recall comes first.
"""

from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from bot.emergency.lexicon import KINDS, Cue, FoldedText, lexicon
from bot.emergency.situation_model import SituationModel, situation_model

# Fire, ambulance and rescue are 119; the police is 110. Tsunami and flood: evacuate first,
# 119 if someone is in danger. Poisoning and someone about to take their life: 119 now.
NUMBERS = {"fire": "119", "medical": "119", "trapped": "119", "tsunami": "119", "crime": "110",
           "poisoning": "119", "suicide": "119", "flood": "119"}
# The model's probability from which it raises the alarm, and from which it does so even when
# the message speaks of the past, a "what if" or a question about the service ("last week",
# もし, 何番): chosen on the blind set's tuning half for recall 1.00 first, then the fewest
# false alarms.
ALARM_PROBABILITY = 0.5
ALARM_PROBABILITY_DESPITE_MARKERS = 0.85
_NOT_NOW = {"hypothetical", "past", "joking"}
# Asking for a repair is a question (the cues) and, unless the model is very sure, no alarm: a
# leaking ceiling or a burnt-out phone screen is said like an emergency. "Which number" is not
# among these: real emergencies ask it.
_REPAIR = "repair"
# What the model reads of a very long message: an emergency is said at its start.
_MODEL_INPUT_CHARS = 2000

@dataclass(frozen=True)
class Emergency:
    kind: str  # fire, medical, trapped, tsunami, crime
    number: str  # 119 or 110
    cues: Tuple[str, ...]  # the phrases that raised the alarm


def _found(cues_by_key: Dict[str, Tuple[Cue, ...]], text: FoldedText) -> Dict[str, Tuple[Cue, ...]]:
    found = {key: tuple(c for c in cues if c.found_in(text)) for key, cues in cues_by_key.items()}
    return {key: cues for key, cues in found.items() if cues}


def _emergency(found: Dict[str, Tuple[Cue, ...]]) -> Emergency:
    kind = next(k for k in KINDS if k in found)
    return Emergency(kind, NUMBERS[kind], tuple(c.phrase for cues in found.values() for c in cues))


def detect_emergency(message: str, model: Optional[SituationModel] = None
                     ) -> Optional[Emergency]:
    """The emergency the message reports or shouts, or None. `model`: another situation model
    than the trained one (the evaluation's, trained without one writer)."""
    text = FoldedText.of(message)
    cued = _cued_emergency(text)
    if cued:
        return cued
    probability, kind = (model or situation_model()).read(message[:_MODEL_INPUT_CHARS])
    if probability < ALARM_PROBABILITY:
        return None
    markers = _found(lexicon().markers, text)
    if probability < ALARM_PROBABILITY_DESPITE_MARKERS and (_not_now(markers)
                                                            or _REPAIR in markers):
        return None
    return Emergency(kind, NUMBERS[kind], ())


def _not_now(markers: Dict[str, Tuple[Cue, ...]]) -> bool:
    """Said of the past, a "what if" or in jest."""
    return not _NOT_NOW.isdisjoint(markers)


def _cued_emergency(text: FoldedText) -> Optional[Emergency]:
    cues = lexicon()
    reports, topics = _found(cues.reports, text), _found(cues.topics, text)
    if not reports and not topics:
        return None
    markers = _found(cues.markers, text)
    if _not_now(markers):
        return None
    urgent = "urgent" in markers
    asks_information = "information" in markers or _REPAIR in markers
    if reports:
        return None if asks_information and not urgent else _emergency(reports)
    if asks_information:
        return None
    return _emergency(topics) if urgent or "!" in text.compact else None
