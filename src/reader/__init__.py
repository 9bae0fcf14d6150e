"""reader: a keyboard-first terminal reader for news articles, with a glossary, a speaker index,
highlights and notes."""

__version__ = "0.1.0"
