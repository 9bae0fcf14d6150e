"""A mutation fuzzer for the article parser, the display filter, the analysers and anchoring.

Run `python -m tests.fuzz --minutes 30` locally; CI runs a bounded slice (test_fuzz.py, slow).
"""
