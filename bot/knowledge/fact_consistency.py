"""Cross-language fact check: the numbers and addresses in an FAQ's ja answer are in every
other language's answer too.

Translations are written by different people; a phone number left out of one language (or a
digit typed wrong) sends a resident nowhere. Each phone number, # number, emergency number
(110, 119, 171, 188, 189) and URL of the ja answer must appear in every other answer, compared
after NFKC (full-width digits), with any dash and spaces inside a phone number counting as the
same. An FAQ may list facts that are left out on purpose:

    consistency_exceptions:
      - fact: https://www.example.jp/ja-only-page.html
        languages: [ja-easy]
        reason: ページが日本語だけ
"""

import re
import unicodedata
from typing import Any, Dict, Set, Tuple

from bot.knowledge.validation import ProblemList, _line, _texts
from bot.languages import LANGUAGES

_OTHER_LANGUAGES = tuple(language for language in LANGUAGES if language != "ja")

# Dashes NFKC leaves as they are (ー, the long-vowel mark, is typed for a hyphen too).
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=\d) *[-\u2010-\u2015\u2212\u30fc] *(?=\d)")
URL_IN_TEXT = re.compile(r"(?:https?://|(?<![\w./])www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_URL_END = ".,;:!?)]'"
# 0 + area or service code + subscriber number: groups joined by - or a space, or none.
_PHONE = re.compile(r"(?<![\d#-])0\d{1,4}(?:[- ]\d{1,6}){1,2}(?![\d-])|(?<!\d)0\d{9,10}(?!\d)")
_SHORT_DIAL = re.compile(r"[#♯] ?(\d{3,5})(?!\d)")  # ♯ (sharp) is often typed for #
# On its own: not part of a longer number, # number, phone number or a name like web171.
_EMERGENCY = re.compile(
    r"(?<![0-9A-Za-z#♯/-])(?<!\d[.,])(1(?:10|19|71|88|89))(?![0-9A-Za-z-])(?![.,]\d)")

_KIND = {"url": ("URL ", "URL"), "phone": ("電話番号 ", "番号")}  # in the message, in the fix


def facts(text: str) -> Dict[str, Tuple[str, str]]:
    """The facts in `text`: comparison key -> (kind, the fact as written, normalised)."""
    text = unicodedata.normalize("NFKC", text)
    found: Dict[str, Tuple[str, str]] = {}
    for match in URL_IN_TEXT.finditer(text):
        url = match.group().rstrip(_URL_END)
        found[url] = ("url", url)
    text = URL_IN_TEXT.sub(" ", text)  # digits and # inside an address are not phone numbers
    text = _DASH_BETWEEN_DIGITS.sub("-", text)
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) in (10, 11):  # every Japanese phone number
            found.setdefault(digits, ("phone", match.group().replace(" ", "-")))
    for match in _SHORT_DIAL.finditer(text):
        found.setdefault("#" + match.group(1), ("phone", "#" + match.group(1)))
    for match in _EMERGENCY.finditer(text):
        found.setdefault(match.group(1), ("phone", match.group(1)))
    return found


def check_facts(entry: Dict[str, Any], problems: ProblemList) -> None:
    """Reports each ja fact missing from another language's answer (entry already validated).

    The reports are warnings that fail `faq validate` (`fails_validate`): CI stops a mismatch
    from being committed, while the running assistant keeps serving the edited file: a
    missing number in one translation is better served than the whole file held back.
    """
    answer = entry["answer"]
    name = f"FAQ '{entry['id']}'"
    excused = _exceptions(entry, name, problems)
    answer_line = _line(entry, "answer", 1)
    ja_facts = facts("\n".join(_texts(answer["ja"])))
    for language in _OTHER_LANGUAGES:
        present = facts("\n".join(_texts(answer[language])))
        for key, (kind, written) in ja_facts.items():
            if key in present or (key, language) in excused:
                continue
            noun, short = _KIND[kind]
            problems.warning(
                _line(answer, language, answer_line),
                f"{name}: {language} の回答に{noun}{written} がありません。",
                f"ja の回答と同じ{short}を書くか、違う理由を consistency_exceptions に書いて"
                "ください(knowledge/README.md)。", fails_validate=True)


def _exceptions(entry: Dict[str, Any], name: str, problems: ProblemList) -> Set[Tuple[str, str]]:
    """(fact key, language) pairs the FAQ declares as left out on purpose, with a reason."""
    declared = entry.get("consistency_exceptions")
    if declared is None:
        return set()
    line = _line(entry, "consistency_exceptions", 1)
    fix = ("各項目を「- fact: 番号かURL」「languages: [言語コード]」「reason: 理由」の"
           "3行で書いてください(knowledge/README.md)。")
    if not isinstance(declared, list):
        problems.warning(line, f"{name}: consistency_exceptions はリストではありません。", fix,
                         fails_validate=True)
        return set()
    excused = set()
    for item in declared:
        item_line = _line(item, None, line)
        item = item if isinstance(item, dict) else {}
        fact, languages, reason = item.get("fact"), item.get("languages"), item.get("reason")
        languages = [languages] if isinstance(languages, str) else languages
        # `fact: 119` reads as a number; `fact: #7119` without quotes as a comment (None).
        keys = list(facts(str(fact))) if isinstance(fact, (str, int)) else []
        if (len(keys) != 1 or not isinstance(languages, list) or not languages
                or not all(language in _OTHER_LANGUAGES for language in languages)
                or not isinstance(reason, str) or not reason.strip()):
            problems.warning(item_line, f"{name}: consistency_exceptions の項目を読めません"
                             f"(fact: {fact}, languages: {languages})。fact は電話番号・#番号・"
                             f"URL を1つ、languages は {', '.join(_OTHER_LANGUAGES)} から、"
                             "reason は空にできません。", fix, fails_validate=True)
            continue
        excused |= {(keys[0], language) for language in languages}
    return excused
