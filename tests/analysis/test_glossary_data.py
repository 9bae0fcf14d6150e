"""The bundled glossary data file: content, validation of malformed files, and sense choice."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from reader.analysis.glossary_data import (
    DATA_FILE,
    GlossaryDataError,
    builtin_glossary,
    load_glossary_file,
)

NEWS_CORE = {
    "UN": "United Nations",
    "UNAMA": "United Nations Assistance Mission in Afghanistan",
    "NATO": "North Atlantic Treaty Organization",
    "EU": "European Union",
    "US": "United States",
    "UK": "United Kingdom",
    "IS": "Islamic State",
    "ISIS": "Islamic State of Iraq and Syria",
    "PBS": "Public Broadcasting Service",
    "BBC": "British Broadcasting Corporation",
    "FBI": "Federal Bureau of Investigation",
    "CIA": "Central Intelligence Agency",
    "NGO": "non-governmental organisation",
    "GDP": "gross domestic product",
}


def test_bundled_file_is_package_data() -> None:
    ref = resources.files("reader.analysis").joinpath(DATA_FILE)
    assert ref.is_file()


def test_bundled_glossary_is_large_and_has_the_news_core() -> None:
    g = builtin_glossary()
    assert len(g) >= 400
    for short, expansion in NEWS_CORE.items():
        assert g.expand(short) == expansion, short
    assert "Tehrik-i-Taliban Pakistan" in (g.expand("TTP") or "")
    assert "Khorasan" in (g.expand("ISIS-K") or "")
    assert "Grand Old Party" in (g.expand("GOP") or "")
    assert g.expand("AP", {"reported", "news"}) == "Associated Press"


def test_bundled_glossary_is_loaded_once() -> None:
    assert builtin_glossary() is builtin_glossary()


def test_every_multi_sense_entry_has_context_words() -> None:
    g = builtin_glossary()
    multi = [e for e in g.entries.values() if len(e.senses) > 1]
    assert len(multi) >= 15
    for e in multi:
        assert all(s.context for s in e.senses), e.short


def test_lookup_ignores_dots_and_case_of_mixed_forms() -> None:
    g = builtin_glossary()
    assert g.expand("U.S.") == "United States"
    assert g.expand("DOJ") == g.expand("DoJ") == "Department of Justice"
    assert g.find("XQZZ") is None
    assert "NATO" in g and "XQZZ" not in g


def test_sense_choice_uses_context_and_defaults_to_the_first() -> None:
    g = builtin_glossary()
    assert g.expand("ICC", {"cricket", "wicket"}) == "International Cricket Council"
    assert g.expand("ICC", {"hague", "warrant"}) == "International Criminal Court"
    assert g.expand("ICC", set()) == "International Criminal Court"
    assert g.expand("ICC") == "International Criminal Court"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[media]\nBBC = "British Broadcasting Corporation\n', "not valid TOML"),
        ("[media]\nBBC = 3\n", "entry 'BBC' in [media]: must be an expansion string"),
        ('[media]\nBBC = "  padded"\n', "entry 'BBC' in [media]: expansion has stray whitespace"),
        ('[media]\nBBC = "A"\n[other]\nBBC = "B"\n', "entry 'BBC' in [other]: duplicate"),
        ('[media]\nDoJ = "A"\nDOJ = "B"\n', "entry 'DOJ' in [media]: clashes with 'DoJ'"),
        ('[media]\n"not an acronym" = "A"\n', "not an acronym"),
        ('media = "x"\n', "[media] must be a table"),
        (
            '[media]\nAP = [{ expansion = "Associated Press", context = [] },'
            ' { expansion = "Advanced Placement", context = ["exam"] }]\n',
            "entry 'AP' in [media], sense 1: context must be a non-empty list",
        ),
        (
            '[media]\nAP = [{ expansion = "Associated Press", context = ["news"] }]\n',
            "at least two senses",
        ),
        (
            '[media]\nAP = [{ expansion = "A", context = ["Two Words"] },'
            ' { expansion = "B", context = ["exam"] }]\n',
            "context word 'Two Words'",
        ),
        ("[meta]\nversion = 1\n", "no entries"),
    ],
)
def test_malformed_file_gives_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(GlossaryDataError) as info:
        load_glossary_file(path)
    text = str(info.value)
    assert str(path) in text
    assert message in text
    assert "\n" not in text


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryDataError, match="cannot read"):
        load_glossary_file(tmp_path / "nope.toml")


def test_a_valid_custom_file_works_with_the_analysis(tmp_path: Path) -> None:
    from reader.analysis.glossary import build_glossary_text

    path = _write(tmp_path, '[custom]\nQQX = "Quiet Quarter Exchange"\n')
    g = load_glossary_file(path)
    entry = build_glossary_text("The QQX opened.", g).entries[0]
    assert (entry.expansion, entry.source) == ("Quiet Quarter Exchange", "builtin")
