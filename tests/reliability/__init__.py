"""Reliability tests: properties over arbitrary text, hostile input, faults, terminal output."""
