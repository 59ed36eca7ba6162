"""Rasa tokenizer for Japanese, Chinese, Korean, Vietnamese and English chat messages.

- Japanese: fugashi (MeCab) with unidic-lite; lemmas are dictionary forms (行った → 行く).
- Chinese: spaCy's blank Chinese pipeline with jieba word segmentation.
- English, Korean, Vietnamese: spaCy's rule-based tokenizers (blank pipelines).
Text is NFKC-normalised first (full-width/half-width forms); token offsets refer to the
original message so entity spans survive. Lemmas are lower-cased normalised forms.
"""

from functools import lru_cache
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.langid import detect
from bot.text_normalization import normalize

Span = Tuple[int, int, str]  # start, end in the normalised text, lemma


@lru_cache(maxsize=1)
def _japanese_tagger():
    import fugashi

    return fugashi.Tagger()


@lru_cache(maxsize=None)
def _spacy_pipeline(language: str):
    import spacy

    if language == "zh":
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    # "xx" is spaCy's language-neutral rule-based tokenizer (Korean, Vietnamese).
    return spacy.blank("en" if language == "en" else "xx")


def _japanese_spans(text: str) -> List[Span]:
    spans, position = [], 0
    for word in _japanese_tagger()(text):
        position += len(word.white_space)
        start, position = position, position + len(word.surface)
        lemma = word.feature.lemma if not word.is_unk else None
        # unidic marks loanwords as "ビール-beer": keep the Japanese form.
        spans.append((start, position, (lemma or word.surface).split("-")[0] or word.surface))
    return spans


def _spacy_spans(text: str, language: str) -> List[Span]:
    return [
        (token.idx, token.idx + len(token.text), token.text)
        for token in _spacy_pipeline(language)(text)
        if not token.is_space
    ]


def tokenize_text(text: str, language: Optional[str] = None) -> List[Token]:
    """Tokens of `text` with offsets into `text` itself."""
    normalized = normalize(text)
    language = language or detect(text).language or "en"
    if language == "ja":
        spans = _japanese_spans(normalized.text)
    else:
        spans = _spacy_spans(normalized.text, language)
    tokens = []
    for start, end, lemma in spans:
        original_start, original_end = normalized.original_span(start, end)
        tokens.append(
            Token(
                text[original_start:original_end],
                original_start,
                original_end,
                lemma=lemma.lower(),
            )
        )
    return tokens


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MultilingualTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        return self._apply_token_pattern(tokenize_text(message.get(attribute)))
