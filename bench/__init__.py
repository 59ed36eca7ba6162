"""Benchmarks: speed and memory figures for the README, run with `make bench`."""
