"""The curated FAQs as one process serves them: loaded once, reloaded when staff edit knowledge/.

Both the Rasa server (bot.nlu.message_decision decides what a message is with them) and the
action server (the answers) hold one; each watches knowledge/ on its own, so an edit reaches
both within about a second.
"""

from functools import lru_cache

from bot.knowledge.faq_search import build_faq_index
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.paths import KNOWLEDGE_DIR


@lru_cache(maxsize=1)
def served_knowledge() -> KnowledgeBase:
    knowledge = KnowledgeBase(KNOWLEDGE_DIR, build_index=build_faq_index)
    knowledge.watch()
    return knowledge
