"""The staff desk: tickets for conversations handed to a person, and the staff console."""
