"""`sundhedsgraf coverage`: the sentence splitter, the quote overlap, and the command."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sundhedsgraf.cli import main
from sundhedsgraf.coverage import coverage, sentences
from sundhedsgraf.model import Model, fold_ws, load_model

MODEL = Path(__file__).resolve().parent.parent / "model"


@pytest.fixture(scope="module")
def real():
    return load_model(MODEL)


def texts(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


def hand_model(quotes: list[str]) -> Model:
    """A model of one document "x" whose single node cites ``quotes``."""
    return Model(
        schema={},
        documents=[{"id": "x", "title": "Test"}],
        nodes=[
            {
                "id": "n",
                "labels": ["Forum"],
                "name": "N",
                "properties": {},
                "sources": [{"document": "x", "quote": q} for q in quotes],
            }
        ],
        relationships=[],
    )


# ---- the splitter


def test_abbreviations_and_dates_stay_inside_one_sentence():
    text = (
        "Det drøftes bl.a. KOSU og f.eks. SKF i regi af aftalen, jf. s. 89 og nr. 5. "
        "Notatet fra 26.1.2015 gælder. Fristen er 1. april 2026 for alle parter. "
        "Processen løber frem mod 1. jan. 2027 og Sept. 2025 var start."
    )
    assert texts(text) == [
        "Det drøftes bl.a. KOSU og f.eks. SKF i regi af aftalen, jf. s. 89 og nr. 5.",
        "Notatet fra 26.1.2015 gælder.",
        "Fristen er 1. april 2026 for alle parter.",
        "Processen løber frem mod 1. jan. 2027 og Sept. 2025 var start.",
    ]


def test_hard_line_breaks_inside_a_sentence_are_folded():
    text = "Sundhedsaftalen fastsætter retningen for de kommende års arbejde og en\nrække politiske   mål og\nvisioner for borgeren. Næste sætning.\n"
    assert texts(text) == [
        "Sundhedsaftalen fastsætter retningen for de kommende års arbejde og en række politiske mål og visioner for borgeren.",
        "Næste sætning.",
    ]


def test_a_blank_line_and_a_bullet_end_a_sentence():
    text = (
        "Indledning\n\nDer nedsættes temagrupper om:\n• Forebyggelse\n•Psykiatri-voksen\n- Kvalitetsgruppe\n"
    )
    assert texts(text) == [
        "Indledning",
        "Der nedsættes temagrupper om:",
        "Forebyggelse",
        "Psykiatri-voksen",
        "Kvalitetsgruppe",
    ]


def test_fragments_without_letters_are_left_out():
    assert texts("Et afsnit.\n\n 4 \n\n•\n\n– 12 –\n") == ["Et afsnit."]


def test_a_double_spaced_document_joins_lines_across_single_blank_lines():
    lines = [
        "Baggrund",
        "KKR Nordjylland fastlagde på sit møde den 25. januar 2013 de overordnede rammer for en ny",
        "administrativ struktur for sundhedsområdet. KKR Nordjylland besluttede, at der på området",
        "opbygges en klyngestruktur med 4 klynger, og at omdrejningspunktet er et udvalg af direktører.",
        "",
        "Siden 2013 er der sket en del ændringer i den administrative organisering af hele området.",
    ]
    text = "\n\n".join(lines) + "\n"
    assert texts(text) == [
        "Baggrund",
        "KKR Nordjylland fastlagde på sit møde den 25. januar 2013 de overordnede rammer for en ny administrativ struktur for sundhedsområdet.",
        "KKR Nordjylland besluttede, at der på området opbygges en klyngestruktur med 4 klynger, og at omdrejningspunktet er et udvalg af direktører.",
        "Siden 2013 er der sket en del ændringer i den administrative organisering af hele området.",
    ]


def test_spans_are_in_the_folded_text_of_every_real_document():
    for path in sorted((MODEL / "sources").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        folded = fold_ws(text)
        found = sentences(text)
        assert found, path.name
        for s in found:
            assert folded[s.start : s.end] == s.text
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))


# ---- quotes against sentences

DOC = "Første sætning om KOSU.\nAnden sætning om SKF. Tredje sætning om KKR.\n\nFjerde sætning.\n"


def test_a_quote_covering_part_of_a_sentence_marks_it_cited():
    doc = coverage(hand_model(["om SKF"]), texts={"x": DOC})["documents"][0]
    assert doc["uncited"] == ["Første sætning om KOSU.", "Tredje sætning om KKR.", "Fjerde sætning."]
    assert (doc["sentences"], doc["cited"], doc["share"]) == (4, 1, 0.25)


def test_a_quote_spanning_two_sentences_marks_both_with_whitespace_folded():
    doc = coverage(hand_model(["om   KOSU. Anden\nsætning"]), texts={"x": DOC})["documents"][0]
    assert doc["uncited"] == ["Tredje sætning om KKR.", "Fjerde sætning."]


def test_every_occurrence_of_a_quote_counts():
    doc = coverage(hand_model(["sætning om K"]), texts={"x": DOC})["documents"][0]
    assert doc["uncited"] == ["Anden sætning om SKF.", "Fjerde sætning."]


def test_sources_without_a_document_and_other_documents_are_ignored():
    model = hand_model([])
    model.nodes[0]["sources"] = [{"url": "https://example.org", "quote": "Fjerde"}]
    model.relationships = [
        {
            "id": "r",
            "type": "PART_OF",
            "start": "n",
            "end": "n",
            "properties": {},
            "sources": [{"document": "y", "quote": "Fjerde sætning."}],
        }
    ]
    assert coverage(model, texts={"x": DOC})["documents"][0]["cited"] == 0


# ---- the real model


def test_the_real_model_shape_and_numbers_agree(real):
    result = coverage(real)
    assert list(result) == ["documents"]
    assert [d["id"] for d in result["documents"]] == [d["id"] for d in real.documents]
    for doc in result["documents"]:
        assert list(doc) == ["id", "title", "sentences", "cited", "share", "uncited"]
        assert doc["title"]
        assert doc["sentences"] > 0
        assert doc["cited"] + len(doc["uncited"]) == doc["sentences"]
        assert doc["share"] == round(doc["cited"] / doc["sentences"], 3)
        assert all(isinstance(s, str) and s == fold_ws(s) for s in doc["uncited"])


def test_a_sentence_no_fact_quotes_is_listed_uncited(real):
    sentence = "Her har alle et ansvar for at gøre opmærksomhed på udfordringer eller behov for justeringer."
    quotes = [
        s["quote"]
        for item in [*real.nodes, *real.relationships]
        for s in item["sources"]
        if s.get("document") == "002"
    ]
    assert quotes and not any("justeringer" in q or "Her har alle" in q for q in quotes)
    by_id = {d["id"]: d for d in coverage(real)["documents"]}
    assert sentence in by_id["002"]["uncited"]
    assert "Indledning" in by_id["000"]["uncited"]  # a heading


def test_a_quoted_sentence_of_the_real_model_is_not_listed(real):
    by_id = {d["id"]: d for d in coverage(real)["documents"]}
    assert not any("KOSU-formanden er kommunal medformand" in s for s in by_id["004"]["uncited"])


# ---- the command


def test_the_command_prints_json(real):
    r = CliRunner().invoke(main, ["coverage", "--json", "--model", str(MODEL)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == coverage(real)
    assert "ø" in r.output  # ensure_ascii=False


def test_the_command_prints_a_table_and_the_uncited_sentences(real):
    r = CliRunner().invoke(main, ["coverage", "--model", str(MODEL)])
    assert r.exit_code == 0, r.output
    for doc in coverage(real)["documents"]:
        assert doc["id"] in r.output
        assert f"{doc['share']:.1%}" in r.output
    assert "Her har alle et ansvar for at gøre opmærksomhed" in r.output


def test_the_command_prints_markup_in_the_documents_literally(tmp_path):
    root = tmp_path / "model"
    shutil.copytree(MODEL, root)
    source = root / "sources" / "000_31e9750e8c0df027.txt"
    with source.open("a", encoding="utf-8") as f:
        f.write("\n\nSe [bold]bilag[/bold] nedenfor.\n")
    r = CliRunner().invoke(main, ["coverage", "--model", str(root)])
    assert r.exit_code == 0, r.output
    assert "Se [bold]bilag[/bold] nedenfor." in r.output


def test_a_missing_model_folder_is_one_line_and_a_non_zero_exit():
    r = CliRunner().invoke(main, ["coverage", "--model", "/nonexistent"])
    assert r.exit_code != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "/nonexistent" in lines[0]
    assert "Traceback" not in r.output
