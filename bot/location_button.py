"""The payload of a "share my location" button. The action server offers it when it asks for a
location (bot/actions/shelters.py); LINE shows it as its own location picker
(connectors/line_messages.py), which sends a location message, never this payload."""

SHARE_LOCATION = "/share_location"
