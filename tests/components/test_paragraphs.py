"""fogofwar_paragraphs: line breaks are sentence boundaries for the parser."""

from __future__ import annotations


def test_a_headline_without_full_stop_is_its_own_sentence(nlp) -> None:
    doc = nlp("Kyiv says the bridge is gone\nOfficials said the army had left the town.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Kyiv says the bridge is gone"
    assert sentences[1].startswith("Officials said")


def test_blank_lines_and_text_without_breaks(nlp) -> None:
    doc = nlp("First line\n\n  Second line here")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Second" in starts
    assert len(list(nlp("one two three").sents)) == 1


def test_the_component_runs_before_the_parser(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("fogofwar_paragraphs") < names.index("parser")
