"""Evaluation of the whole assistant through its channels (`python -m bot eval …`)."""
