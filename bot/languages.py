"""The languages the assistant speaks, by the codes every part of the project uses."""

# ja-easy is やさしい日本語: Japanese text, chosen explicitly by the user, never detected.
LANGUAGES = ("ja", "ja-easy", "en", "zh", "ko", "vi")
DEFAULT_LANGUAGE = "ja"

# Languages that can be told apart from the text itself.
DETECTABLE_LANGUAGES = ("ja", "en", "zh", "ko", "vi")
