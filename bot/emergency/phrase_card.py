"""The 119 / 110 phrase card (phrase_card.yml) as text in the reader's language.

Japanese readers see the sentences (with kana readings in やさしい日本語); everyone else sees
the Japanese to say, how to say it, and what it means.
"""

from functools import lru_cache
from pathlib import Path
from typing import Dict, List

import yaml

from bot.i18n import text

PHRASE_CARD_FILE = Path(__file__).parent / "phrase_card.yml"
SOURCES = {  # the official page on what to say, shown under each card
    "119": "https://www.soumu.go.jp/mobile/news/news110801-01_10.html",
    "110": "https://www.police.pref.chiba.jp/shireika/shireika_110_01.html",
}


@lru_cache(maxsize=1)
def phrase_card_data() -> Dict:
    return yaml.safe_load(PHRASE_CARD_FILE.read_text(encoding="utf-8"))


def phrases(number: str, language: str) -> List[Dict[str, str]]:
    """The phrases of the card for `number`, the interpreter request filled for `language`."""
    data = phrase_card_data()
    found = list(data["cards"][number]) + list(data["cards"]["common"])
    names = data["interpreter_languages"].get(language)
    if number == "119" and names:
        interpreter = data["interpreter"]
        found.append({key: value.format(language=names.get(key, "")) if "{" in value else value
                      for key, value in interpreter.items()})
    return found


def _line(phrase: Dict[str, str], language: str) -> str:
    if language == "ja":
        return f"・「{phrase['ja']}」"
    if language == "ja-easy":
        return f"・「{phrase['ja']}」\n　（{phrase['reading']}）"
    return f"・「{phrase['ja']}」 {phrase['romaji']}\n　→ {phrase[language]}"


def render(number: str, language: str) -> str:
    lines = [text(f"phrase_card_title_{number}", language)]
    lines += [_line(phrase, language) for phrase in phrases(number, language)]
    lines.append(text("phrase_card_source", language, url=SOURCES[number]))
    return "\n".join(lines)
