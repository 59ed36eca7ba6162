"""Language identification tuned for short chat messages in the six supported languages."""

from bot.langid.detector import Detection, detect

__all__ = ["Detection", "detect"]
