"""Designated evacuation sites of Chiba prefecture: GSI data conversion, nearest-site lookup and
municipality names. Usable without Rasa."""
