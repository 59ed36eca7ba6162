"""Disaster alerts: residents' subscriptions per municipality and language, and sending."""
