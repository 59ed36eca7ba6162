"""Chinese punctuation check: the zh `title` and `answer` use full-width marks in prose.

Translations mixed "，" and ","; residents read the half-width marks as careless text. The
questions (residents' own wording) are not checked.
"""

import re
from typing import Any, Dict, Iterator, List, Tuple

from ruamel.yaml.scalarstring import LiteralScalarString

from bot.knowledge.fact_consistency import URL_IN_TEXT
from bot.knowledge.validation import ProblemList, _line

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}

# The rule: a half-width , ; : ! ? ( ) is prose, and must be full-width, when the character
# just before or after it is a Chinese character, kana or a prose mark; a pair of parentheses is
# prose when either of its marks is ("护照(原件)!": all three). Marks between digits or Latin
# letters (9:00, 1,650, "(Osaka)" in an English name) stay; URLs and e-mail addresses are skipped.
_CJK = re.compile(r"[\u3041-\u309f\u30a1-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_MARK = re.compile(r"[,;:!?()]")


def _masked(text: str) -> str:
    """`text` with every URL and e-mail address blanked out (same length)."""
    def blank(match: "re.Match[str]") -> str:
        url = match.group()
        # punctuation after an address is not part of it (a ")" closing a "(" inside it is)
        while url[-1:] in tuple(".,;:!?]'(") or (url.endswith(")")
                                                   and url.count(")") > url.count("(")):
            url = url[:-1]
        return "\0" * len(url) + match.group()[len(url):]
    return _EMAIL.sub(lambda m: "\0" * len(m.group()), URL_IN_TEXT.sub(blank, text))


def prose_marks(text: str) -> List[int]:
    """Offsets in `text` of the half-width marks that must be full-width (see the rule above)."""
    text = _masked(text)
    marks = [m.start() for m in _MARK.finditer(text)]
    pairs, opened = [], []
    for index in marks:
        if text[index] == "(":
            opened.append(index)
        elif text[index] == ")" and opened:
            pairs.append({opened.pop(), index})
    prose = {i for i in marks if _CJK.match(text[i - 1:i]) or _CJK.match(text[i + 1:i + 2])}
    while True:  # a pair with a prose mark, and a mark next to a prose mark, are prose too
        more = {i for pair in pairs if pair & prose for i in pair}
        more |= {i for i in marks if i - 1 in prose or i + 1 in prose}
        if more <= prose:
            return sorted(prose)
        prose |= more


def full_width(text: str) -> str:
    """`text` with its prose marks made full-width."""
    chars = list(text)
    for index in prose_marks(text):
        chars[index] = FULL_WIDTH[chars[index]]
    return "".join(chars)


def _text_lines(node: Dict[str, Any], key: str, default: int) -> Iterator[Tuple[int, str]]:
    """(file line, line of text) of node[key]; a `|` block keeps its lines as in the file."""
    value = node[key]
    try:
        first = node.lc.value(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        first = default
    if isinstance(value, LiteralScalarString):
        for number, line in enumerate(value.split("\n")):
            yield first + 1 + number, line
    elif isinstance(value, str):
        yield first, value  # a one-line value (a folded one is reported at its first line)


def check_punctuation(entry: Dict[str, Any], problems: ProblemList) -> None:
    """Reports half-width prose marks in the zh title and answer (entry already validated).

    Warnings that fail `faq validate` (CI), like fact_consistency; the file still serves.
    """
    name = f"FAQ '{entry['id']}'"
    for key, noun in (("title", "タイトル"), ("answer", "回答")):
        for line, text in _text_lines(entry[key], "zh", _line(entry, key, 1)):
            marks = prose_marks(text)
            if not marks:
                continue
            start = max(0, marks[0] - 8)
            excerpt = text[start:marks[0] + 9].strip()
            kinds = sorted({text[i] for i in marks}, key=",;:!?()".index)
            problems.warning(
                line, f"{name}: zh の{noun} {line} 行目: 中国語の文中に半角の"
                f"{''.join(f'「{k}」' for k in kinds)}が {len(marks)} か所あります"
                f"(「{excerpt}」など)。",
                "、".join(f"半角の「{k}」を全角の「{FULL_WIDTH[k]}」" for k in kinds)
                + "にしてください(URL・メールアドレス・時刻・数字の中の半角はそのままで"
                "かまいません)。", fails_validate=True)
