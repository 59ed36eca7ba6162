"""An alert as staff write it (YAML), turned into the text each language's subscribers get.

    # alert.yml
    message:
      ja: "市川市に避難指示を発令しました。江戸川沿いの地域の方は…"
      en: "Ichikawa City has issued an evacuation instruction…"   # optional, any language

Languages the file leaves out get the assistant's template for the alert level (bot/i18n/
alerts.yml) in their language, followed by the Japanese original, so nobody gets only a text
they cannot read and nobody loses the details.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import yaml

from bot.storage.models import ALL_MUNICIPALITIES
from bot.i18n import text
from bot.languages import LANGUAGES
from bot.shelters.municipalities import Municipality, load_municipalities

LEVELS = range(1, 6)


class AlertFileError(ValueError):
    """The alert cannot be sent as written; the message says what to fix."""


@dataclass(frozen=True)
class Alert:
    level: int
    municipality: Optional[Municipality]  # None: all of Chiba prefecture
    message: Dict[str, str]                # language → text, at least Japanese

    @property
    def municipality_code(self) -> str:
        return self.municipality.code if self.municipality else ALL_MUNICIPALITIES

    def text_for(self, language: str) -> str:
        if language in self.message:
            return self.message[language]
        template = text(f"alert_level_{self.level}", language, place=self.place(language))
        return "\n\n".join([template, text("alert_original_follows", language),
                            self.message["ja"]])

    def place(self, language: str) -> str:
        return place_name(self.municipality, language)


def place_name(municipality: Optional[Municipality], language: str) -> str:
    """The alert's area as a reader of `language` knows it (None: all of Chiba prefecture)."""
    m = municipality
    if m is None:
        return text("alert_all_chiba", language)
    return {"zh": m.zh, "ko": m.ko, "en": f"{m.romaji} ({m.name})",
            "vi": f"{m.romaji} ({m.name})"}.get(language, m.name)


def municipality_for(code: str) -> Optional[Municipality]:
    """The municipality with this local government code; None for "all"."""
    if code == ALL_MUNICIPALITIES:
        return None
    for municipality in load_municipalities():
        if municipality.code == code:
            return municipality
    raise AlertFileError(f"unknown municipality code {code!r}: use one of the 54 codes in "
                         "knowledge/shelters/municipalities.yml, or 'all'")


def load_alert(path: Path, municipality_code: str, level: int) -> Alert:
    if level not in LEVELS:
        raise AlertFileError(f"level {level}: alert levels are 1 to 5")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise AlertFileError(f"{path}: cannot read the alert file ({error})") from error
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict):
        raise AlertFileError(f"{path}: write the alert under 'message:', one line per language "
                             "(ja required), e.g. 'message: {{ja: \"…\"}}'")
    unknown = sorted(set(message) - set(LANGUAGES))
    if unknown:
        raise AlertFileError(f"{path}: unknown language code(s) {unknown}; use {list(LANGUAGES)}")
    texts = {lang: str(value).strip() for lang, value in message.items() if value}
    if "ja" not in texts:
        raise AlertFileError(f"{path}: the Japanese text (message: ja:) is required")
    return Alert(level, municipality_for(municipality_code), texts)
