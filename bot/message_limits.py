"""What the NLU attaches to a message it read only in part, for the action that answers it.

Set by bot/nlu/message_length.py (Rasa side), read by bot/actions/long_message.py (action
server, which has no Rasa installed): {"length": characters sent, "limit": characters read}.
"""

TOO_LONG = "message_too_long"  # the parse data's key and the reply's text key
