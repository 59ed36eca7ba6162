"""Handing a conversation to staff: when the desk is open, what the resident is told, and the
conversation so far for the ticket."""
