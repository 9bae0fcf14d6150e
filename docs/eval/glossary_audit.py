"""Audit of the glossary's disagreements with the acronym eval labels (AAAI-22 sci dev).

Run from the project root, with the eval kit beside it (`../shared/eval`):

    python docs/eval/glossary_audit.py > docs/eval/glossary-audit.md

It scores `reader.analysis.glossary` with the eval kit's own functions, then reads every
disagreement: a false pair or a missed gold pair. Most are sorted by rule (a gold long form
that the text defines for another acronym, a gold long form that is ours cut short); the rest
carry a verdict written by hand below, after reading the sentence. The report gives the figures
three ways: as the scorer counts them, with the labels corrected by these verdicts, and what a
system that found exactly the corrected pairs would score against the original labels: that is
the ceiling of the scorer on this data. Evaluation only: nothing here feeds the analysis.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
sys.path.insert(0, str(EVAL))

import common  # noqa: E402  (the eval kit, found beside the project)
import score_glossary as sg  # noqa: E402

from reader.analysis.glossary import build_glossary_text  # noqa: E402

GOLD_WRONG = "gold wrong"  # the label pairs words the text does not define for that acronym
SAME = "same pair"  # the gold pair is ours, cut short, run on or tokenised oddly
MISS = "missed"  # a right gold pair the glossary does not give
BY_DESIGN = "missed by design"  # a right gold pair the glossary leaves out on purpose
RIGHT = "right, not in gold"  # a pair the text defines and the labels leave out
WRONG = "wrong"  # a false pair of ours

_PACLING = "Pacific Asia  Conference on Language, Information and Com-  putation"

#: Hand verdicts, keyed by (pseudo-article, FP/FN, acronym, long form): each after reading the
#: sentence. Rows not listed here are sorted by rule (see `_by_rule`).
VERDICTS: dict[tuple[str, str, str, str], tuple[str, str]] = {
    # missed gold pairs that the text does define for that acronym
    ("002", "FN", "8K", "8-th Degree Polynomial Kernel"): (MISS, "a digit-led acronym"),
    ("003", "FN", "CONJ+", "conjunctions"): (MISS, "`+` in a tag"),
    ("003", "FN", "ALCOGRAM", "algorithmic on(foiled grammar"): (MISS, "scanned text"),
    ("004", "FN", "ARG0", "as the Agent"): (MISS, "`Agent` alone is the long form"),
    ("006", "FN", "GPE", "Geo-Political"): (MISS, "long form cut by the page"),
    ("007", "FN", "PRP$", "possessive pronoun"): (MISS, "`$` in a tag"),
    ("008", "FN", "ORJ", "objective"): (MISS, "scanned `OBJ`"),
    ("008", "FN", "AN", "an~"): (MISS, "scanned text"),
    ("008", "FN", "INS)", "ins t rumenta l"): (MISS, "scanned, letter-spaced text"),
    ("009", "FN", "DARPA", "Research Projects Agency"): (MISS, "long form cut by the page"),
    ("009", "FN", "LF", "long form"): (BY_DESIGN, "one sense an acronym; LF has two here"),
    ("009", "FN", "LEV2", "Levenshtein with substitution penalty"): (MISS, "loose letters"),
    ("012", "FN", "MT", "Metathesaurus"): (BY_DESIGN, "one sense an acronym; MT has two here"),
    ("014", "FN", "DET", "Detai l izat ion"): (MISS, "scanned, letter-spaced text"),
    ("015", "FN", "STS", "Similarity Core task"): (MISS, "ours would be the full name"),
    ("018", "FN", "PACLING", _PACLING): (MISS, "letters not in word order"),
    ("021", "FN", "GB", "Great Britain"): (MISS, "inside `ICE-GB`"),
    ("021", "FN", "UPenn", "P,,nnsylvania"): (MISS, "scanned text"),
    ("022", "FN", "NE", "named entity"): (BY_DESIGN, "NE and NEs are one entry (the issue)"),
    ("022", "FN", "P)", "precision"): (BY_DESIGN, "one letter is not an acronym"),
    ("024", "FN", "ArT", "titles"): (MISS, "letters do not spell it"),
    ("002", "FN", "NE", "named entities"): (SAME, "ours is `named entity`"),
    ("008", "FN", "TCR)", "TaskCompletionReward"): (SAME, "gold acronym takes the `)`"),
    ("020", "FN", "T.P.)", "True Positives"): (SAME, "gold acronym takes the `)`"),
    # gold pairs the text does not support
    ("001", "FN", "NP", "animate"): (GOLD_WRONG, "`ANIM=animate NP`"),
    ("002", "FN", "HP", "named page"): (GOLD_WRONG, "`named page finding (NP)`"),
    ("002", "FN", "EX", "Treelet Phrasal"): (GOLD_WRONG, "table headings"),
    ("002", "FN", "UK", "University of Manchester"): (GOLD_WRONG, "the country after a name"),
    ("005", "FN", "INV", "diminishers"): (GOLD_WRONG, "`DIM=diminishers`"),
    ("006", "FN", "FAC", "Organization"): (GOLD_WRONG, "`ORG (Organization)`"),
    ("007", "FN", "NPs", "number of markables"): (GOLD_WRONG, "markables are NPs"),
    ("010", "FN", "IR", "coordieatien ned apposition"): (GOLD_WRONG, "that is `(CA)`"),
    ("011", "FN", "SVM", "Multilayer Perceptro"): (GOLD_WRONG, "that is `(MLP)`"),
    ("011", "FN", "MLP", "Decision Tree"): (GOLD_WRONG, "that is `(DT)`"),
    ("012", "FN", "CLTE", "classifiers for detecting"): (GOLD_WRONG, "no definition"),
    ("014", "FN", "NVAR", "N='BYPASS':(SINGULAR"): (GOLD_WRONG, "code, no definition"),
    ("015", "FN", "ACL", "address changes to Betty Walker"): (GOLD_WRONG, "an address"),
    ("021", "FN", "AEs", "and potentially some"): (GOLD_WRONG, "no definition"),
    ("021", "FN", "ABO", "Gay"): (GOLD_WRONG, "`Abortion (ABO)`"),
    ("021", "FN", "FOR", "ANTEST CALLED"): (GOLD_WRONG, "scanned program output"),
    ("022", "FN", "IME", "locus"): (GOLD_WRONG, "`IME(LOC)`: locus is LOC"),
    ("023", "FN", "II", "itlll pluase eltil"): (GOLD_WRONG, "scanner noise"),
    ("023", "FN", "SY", "Phonetic"): (GOLD_WRONG, "`Phonetic/Sound (PH)`"),
    ("023", "FN", "WD", "Symbols"): (GOLD_WRONG, "`Symbols/Nonliteral Marks (SY)`"),
    ("023", "FN", "RAD", "Gastrointestinal"): (GOLD_WRONG, "`GI = ... Gastrointestinal`"),
}

#: Our pairs the labels leave out, each checked against its sentence: all right by our reading.
RIGHT_NOT_IN_GOLD = {
    ("000", "QL"), ("000", "NOM"), ("004", "NLP"), ("005", "LM"), ("006", "ORG"),
    ("008", "TCR"), ("011", "DT"), ("011", "PER"), ("011", "ORG"), ("011", "GPE"),
    ("011", "FAC"), ("011", "VEH"), ("012", "SUBS"), ("014", "TOIS"), ("015", "BC"),
    ("015", "BN"), ("015", "NW"), ("016", "ID"), ("017", "PP"), ("017", "TWN"),
    ("019", "CSUR"), ("020", "ASCS"), ("020", "T.P."), ("021", "GAY"), ("021", "MOA"),
    ("024", "HMM"), ("011", "MLP"),
}  # fmt: skip

_DEFINED_BEFORE = re.compile(r"(\S+)\s*[=:]\s*$")
_DEFINED_AFTER = re.compile(r"\s*\(\s*([^()\s]+)\s*\)")


def _by_rule(
    kind: str, key: tuple[str, str], others: list[str], text: str, span: tuple[int, int]
) -> tuple[str, str]:
    """The verdict a rule gives, for rows with no hand verdict."""
    acr, lf = key
    if any(o in lf or lf in o for o in others):
        return SAME, "one long form holds the other"
    if kind == "FP":
        return WRONG, "no rule and no hand verdict"
    if lf == acr:
        return BY_DESIGN, "an acronym that is its own word tells the reader nothing"
    before = _DEFINED_BEFORE.search(text[max(0, span[0] - 20) : span[0]])
    after = _DEFINED_AFTER.match(text[span[1] : span[1] + 20])
    if before and before.group(1).strip(",;").lower() != acr:
        return GOLD_WRONG, f"the text gives it to `{before.group(1)}`"
    if after and after.group(1).lower() != acr:
        return GOLD_WRONG, f"the text gives it to `{after.group(1)}`"
    return MISS, "no rule and no hand verdict"


def audit() -> None:
    gold = common.read_jsonl(str(EVAL / "acronyms-sci-dev.jsonl"))
    results = {a["name"]: (build_glossary_text(a["text"]).to_json(), None, 0.0) for a in gold}
    figures, counts, _, _ = sg.score_aaai(gold, results)
    rows: list[tuple[str, str, str, str, str, str]] = []
    for art in gold:
        name, text = art["name"][-3:], art["text"]
        ours = {
            (e["short"].lower(), sg.norm(e["expansion"])): e
            for e in sg.entries(results[art["name"]][0], text, collections.Counter())
            if e["source"] == "text" and e["expansion"]
        }
        labels = {(p["acronym"].lower(), sg.norm(p["long_form"])): p for p in art["pairs"]}
        unpaired = {sg.norm(u["text"]) for u in art["unpaired_long_forms"]}
        for key, e in ours.items():
            if key in labels or any(key[1] in u or u in key[1] for u in unpaired):
                continue  # right, or a long form the scorer ignores
            others = [k[1] for k in labels if k[0] == key[0]]
            if (name, e["short"]) in RIGHT_NOT_IN_GOLD:
                verdict = (RIGHT, "")
            else:
                verdict = _by_rule("FP", key, others, text, (0, 0))
            rows.append((name, "FP", e["short"], e["expansion"], *verdict))
        for key, p in labels.items():
            if key in ours:
                continue
            lf = text[p["long_span"][0] : p["long_span"][1]]
            hand = VERDICTS.get((name, "FN", p["acronym"], lf))
            others = [k[1] for k in ours if k[0] == key[0]]
            verdict = hand or _by_rule("FN", key, others, text, tuple(p["long_span"]))
            rows.append((name, "FN", p["acronym"], lf, *verdict))
    _report(figures, counts, rows)


def _report(figures: dict, counts: dict, rows: list[tuple[str, str, str, str, str, str]]) -> None:
    tally = collections.Counter((kind, verdict) for _, kind, _, _, verdict, _ in rows)
    ours = counts["sys_pairs"] - counts["ignored"]
    tp = counts["strict_tp"]
    right_fp = tally["FP", RIGHT] + tally["FP", SAME]
    gold_right = counts["gold_pairs"] - tally["FN", GOLD_WRONG]
    truth = gold_right + tally["FP", RIGHT]  # the pairs the text defines, by this audit
    found = tp + tally["FN", SAME] + tally["FP", RIGHT]
    # a perfect system gives the `truth` pairs; against the labels, strict, it matches the gold
    # pairs that are right and not cut short or tokenised oddly
    ceiling_tp = gold_right - tally["FN", SAME]
    print("# Glossary: an audit of the acronym eval labels\n")
    print("Generated by `python docs/eval/glossary_audit.py` (AAAI-22 sci dev, 497 sentences).\n")
    print("| measure | precision | recall |\n|---|---|---|")
    strict = figures["strict_precision"], figures["strict_recall"]
    print(f"| scorer, strict | {strict[0]:.3f} | {strict[1]:.3f} |")
    print(
        f"| scorer, lenient | {figures['lenient_precision']:.3f} | "
        f"{figures['lenient_recall']:.3f} |"
    )
    corrected = (tp + right_fp) / ours, found / truth
    print(f"| labels corrected by this audit | {corrected[0]:.3f} | {corrected[1]:.3f} |")
    print(
        f"| a perfect system, scored strict on the labels | {ceiling_tp / truth:.3f} | "
        f"{ceiling_tp / counts['gold_pairs']:.3f} |"
    )
    print(
        "\nThe last line is the scorer's ceiling on this data: a system that gave exactly the "
        "pairs the text defines, no more and no fewer, would score that, strict, against these "
        "labels. Every row below is one disagreement with the labels and how it was judged: by "
        "a rule (the text gives the long form to another acronym; one long form holds the "
        "other) or by hand, after reading the sentence (see `VERDICTS` in the script)."
    )
    print(
        f"\n{counts['gold_pairs']} gold pairs, {tally['FN', GOLD_WRONG]} of them not supported "
        f"by the text; {tally['FP', RIGHT]} pairs the text defines are not labelled; "
        f"{tally['FN', MISS] + tally['FN', BY_DESIGN]} right gold pairs are missed "
        f"({tally['FN', BY_DESIGN]} by design).\n"
    )
    print("| group | kind | acronym | long form | verdict | why |\n|---|---|---|---|---|---|")
    for name, kind, acr, lf, verdict, why in sorted(rows, key=lambda r: (r[4], r[0], r[2])):
        cell = " ".join(lf.split()).replace("|", "\\|")
        print(f"| {name} | {kind} | `{acr}` | {cell} | {verdict} | {why} |")


if __name__ == "__main__":
    audit()
