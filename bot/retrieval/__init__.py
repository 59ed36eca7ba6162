"""FAQ retrieval: find the curated answer that fits a resident's question, in six languages.

Usable without Rasa:

    faq = Document("moving-in", {"question@ja": ["転入届はいつまで?"], "answer@ja": ["14日以内…"]})
    index = RetrievalIndex.build([faq])
    hits = index.search("引っ越しの手続きは？")
    index.confidence(hits)  # probability that hits[0] is a relevant answer
    decide(index.confidence(hits))  # "answer", "suggest" (top 3) or "unknown"

Each language's texts are analysed by that language's analyzer (`analyzers.py`); a document's
score fuses lexical BM25 on its questions and its answer, a question←answer translation model
learned from the FAQ set itself, and multilingual sentence / Japanese word vectors when the
packages that ship them are installed (`ranking.py`).
"""

from bot.retrieval.confidence import decide
from bot.retrieval.documents import Document, Hit, field_name
from bot.retrieval.index import RetrievalIndex

__all__ = ["Document", "Hit", "RetrievalIndex", "decide", "field_name"]
