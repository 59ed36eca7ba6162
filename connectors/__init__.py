"""Channel connectors: Rasa InputChannels for LINE and the website chat widget.

Rasa's built-in REST and socket.io channels are enabled in credentials.yml; platform-specific
connectors live here.
"""
