"""The language identifier keeps only fundwatch's languages of py3langid's model: it must rank
exactly as the library's own `set_languages` restriction does, probabilities included."""

from __future__ import annotations

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from extraction.language import LATIN, _identifier, detect_language

TEXTS = [
    "Berlin-based fintech Qonto raised $50 million in a Series B round led by Valar Ventures.",
    "Das Berliner Startup hat in einer Finanzierungsrunde 12 Millionen Euro eingesammelt.",
    "La start-up parisienne lève 8 millions d'euros auprès de ses investisseurs historiques.",
    "La empresa madrileña ha cerrado una ronda de 5 millones de euros liderada por Kibo.",
    "A startup paulista captou R$ 20 milhões em uma rodada liderada pelo fundo Kaszek.",
    "La startup milanese ha chiuso un round da 3 milioni di euro guidato da P101.",
    "Het Amsterdamse bedrijf haalt 10 miljoen euro op bij investeerders.",
    "Titan OS capta €50M",
    "",
]


@pytest.fixture(scope="module")
def library_identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN))
    return identifier


@pytest.mark.parametrize("text", TEXTS)
def test_ranks_exactly_as_the_restricted_library_model(text, library_identifier):
    assert _identifier().rank(text) == library_identifier.rank(text)


def test_only_our_languages_are_kept():
    assert sorted(_identifier().nb_classes) == sorted(LATIN)
    assert _identifier().nb_ptc.shape[1] == len(LATIN)


@pytest.mark.parametrize("text, code", [
    ("蔚来汽车宣布完成新一轮融资，金额达10亿美元。", "zh"),
    ("スタートアップ企業が第三者割当増資により10億円を調達しました。", "ja"),
    ("국내 스타트업이 시리즈B 투자를 유치했다고 밝혔다.", "ko"),
    ("Das Berliner Startup hat in einer Finanzierungsrunde 12 Millionen Euro eingesammelt.", "de"),
])
def test_script_decides_before_the_classifier(text, code):
    assert detect_language(text) == code
