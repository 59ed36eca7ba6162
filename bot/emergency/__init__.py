"""Emergency red flags (fire, collapse, trapped, tsunami, crime in progress) and the 119/110
phrase card, usable without Rasa."""

from bot.emergency.detector import NUMBERS, Emergency, detect_emergency

__all__ = ["NUMBERS", "Emergency", "detect_emergency"]
