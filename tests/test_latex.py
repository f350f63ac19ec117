import pytest
from citekit.latex import decode


@pytest.mark.parametrize("source, expected", [
    (r'M{\"u}ller', "Müller"),
    (r"M\"uller", "Müller"),
    (r"Juchm{\`e}s-Ferir", "Juchmès-Ferir"),
    (r"\'e\'{e}{\'e}", "ééé"),
    (r"Lyngs{\o}", "Lyngsø"),
    (r"Jard{\'\i}", "Jardí"),
    (r"Mu{\~n}oz-C{\'a}noves", "Muñoz-Cánoves"),
    (r"{\v S}koda \c{c}", "Škoda ç"),
    (r"Stra{\ss}e", "Straße"),
    (r"A \& B", "A & B"),
    (r"50\% of \$5 \#1 a\_b", "50% of $5 #1 a_b"),
    (r"pp. 3--5", "pp. 3–5"),
    (r"yes---no", "yes—no"),
    (r"humans-{}-effect", "humans--effect"),
    (r"1~pg", "1\u00a0pg"),
    (r"\textit{in vivo} and \emph{ex vivo}", "in vivo and ex vivo"),
    (r"{{IL-6}} and {TNF}-$\alpha$", "IL-6 and TNF-α"),
    (r"$\dot{V}$O$_2$ and $x^{2}$", "V\u0307O₂ and x²"),   # pandoc keeps the dot
    (r"$\beta$-cells", "β-cells"),
    (r"``quoted''", "“quoted”"),
    (r"\unknownmacro{kept} text", "kept text"),
    ("plain   text\n  wrapped", "plain text wrapped"),
])
def test_decode(source, expected):
    assert decode(source) == expected


def test_plain_text_is_returned_as_is():
    assert decode("Interleukin-6 in biology and medicine") == "Interleukin-6 in biology and medicine"
