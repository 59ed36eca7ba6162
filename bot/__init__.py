"""Chiba prefecture's multilingual resident assistant."""
