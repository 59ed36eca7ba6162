"""The curated FAQs the actions answer from: loaded once per action server and reloaded when
staff edit knowledge/ (no restart, no retraining)."""

from typing import Optional
import unicodedata

from rasa_sdk.executor import CollectingDispatcher

from bot.i18n import text
from bot.knowledge.faq import Faq
from bot.knowledge.faq_search import match_question
from bot.knowledge.served import served_knowledge

knowledge = served_knowledge()


def send_answer(dispatcher: CollectingDispatcher, faq: Faq, language: str) -> None:
    """The FAQ's answer in `language`, with the official page it comes from."""
    dispatcher.utter_message(text=faq.answer_in(language) + "\n"
                             + text("faq_source", language, url=faq.source))


def staff_only_faq_for(question: str, language: str) -> Optional[Faq]:
    """The staff-only FAQ (a complaint…) this message is clearly about, if any."""
    snapshot = knowledge.snapshot
    match = match_question(snapshot.index, snapshot.faqs, question, language)
    top = match.faqs[0] if match.decision == "answer" else None
    return top if top is not None and top.staff_only else None


def _folded(text_: str) -> str:
    return unicodedata.normalize("NFKC", text_).casefold()


def names_a_key_term(faq: Faq, message: str) -> bool:
    """Whether the message uses one of the FAQ's synonyms (its key terms, in any language):
    "I want to make a complaint" names the complaints topic, "can I talk to staff" does not."""
    folded = _folded(message)
    return any(_folded(term) in folded for terms in faq.synonyms.values() for term in terms)
