"""Highlights and notes: the annotation model, anchoring in changed text, and the TinyDB store."""
