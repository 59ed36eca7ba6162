"""The languages the assistant speaks, by the codes every part of the project uses."""

# ja-easy is やさしい日本語: Japanese text, chosen explicitly by the user, never detected.
LANGUAGES = ("ja", "ja-easy", "en", "zh", "ko", "vi")
DEFAULT_LANGUAGE = "ja"

# Languages that can be told apart from the text itself.
DETECTABLE_LANGUAGES = ("ja", "en", "zh", "ko", "vi")

# Each language's name in itself, for language pickers on every channel.
LANGUAGE_NAMES = {
    "ja": "日本語",
    "ja-easy": "やさしい にほんご",
    "en": "English",
    "zh": "中文",
    "ko": "한국어",
    "vi": "Tiếng Việt",
}
