"""Text analysis (core, no screen): the acronym glossary and the speaker index."""
