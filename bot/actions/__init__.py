"""Custom actions served by the rasa-sdk action server (`python -m rasa_sdk --actions
bot.actions`)."""

from bot.monitoring import init_sentry

init_sentry("action-server")

# Actions register themselves with rasa-sdk when their module is imported.
from bot.actions.alerts import ActionSubscribeAlerts, ActionUnsubscribeAlerts  # noqa: E402
from bot.actions.emergency import ActionEmergencyHelp, ActionEmergencyPhraseCard  # noqa: E402,F401
from bot.actions.faq import ActionAnswerFaq, ActionRecordFeedback  # noqa: E402
from bot.actions.my_number import ActionMyNumberWarning  # noqa: E402
from bot.actions.handoff import (ActionAskHandoffSummary, ActionOpenTicket,  # noqa: E402
                                 ActionRecordSatisfaction, ActionRelayStaffReplies,
                                 ActionResumeConversation, ActionStartHandoff)
from bot.actions.shelters import ActionNearestSites  # noqa: E402

__all__ = ["ActionAnswerFaq", "ActionAskHandoffSummary", "ActionEmergencyHelp",
           "ActionEmergencyPhraseCard", "ActionMyNumberWarning", "ActionNearestSites",
           "ActionOpenTicket", "ActionRecordFeedback", "ActionRecordSatisfaction",
           "ActionRelayStaffReplies", "ActionResumeConversation", "ActionStartHandoff",
           "ActionSubscribeAlerts", "ActionUnsubscribeAlerts"]
