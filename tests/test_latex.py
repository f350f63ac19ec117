"""LaTeX to Unicode: unit cases, issue 12 and 16 regressions, and fuzzing (Hypothesis)."""

import pytest
from citekit.latex import decode
from hypothesis import example, given
from hypothesis import strategies as st


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


# Issue 12's LaTeX losses, each as pandoc's BibTeX reader (or, where LATEX.md says so, we) decode it.
@pytest.mark.parametrize("source, expected", [
    (r"37$^{\circ}$C", "37°C"),
    (r"$V_{\max}$", "Vmax"),
    (r"$\frac{1}{2}$", "1/2"),
    (r"it\textquoteright s", "it’s"),
    (r"3\texttimes 4", "3×4"),
    (r"anti\hyphen inflammatory", "anti-inflammatory"),
    (r"\P 3 and \S 4", "¶3 and §4"),
    (r"The \TeX book", "The TeXbook"),
    (r"\noopsort{a}b", "b"),
])
def test_issue12_losses(source, expected):
    assert decode(source) == expected


@pytest.mark.parametrize("source, expected", [
    (r"Ca$^{2+}$ and $\mathrm{O}_2$", "Ca²⁺ and O₂"),
    (r"$10^{-3}$ M", "10⁻³ M"),
    (r"$\pm$ $\times$ $\leq$ $\geq$ $\approx$ $\sim$ $\cdot$", "± × ≤ ≥ ≈ ∼ ⋅"),
    (r"$\alpha\beta\Gamma\varepsilon\epsilon\phi\varphi$", "αβΓεϵϕφ"),
    (r"$\upbeta$-oxidation, \textmu g", "β-oxidation, μg"),
    (r"\si{\milli\mole\per\litre}", "mmol\u00a0l⁻¹"),
    (r"\SI{37}{\celsius}", "37\u00a0°C"),
    (r"\num{1e5}", "1\u00a0×\u00a010⁵"),
    (r"{\v c}{\H o}{\c c}{\k a}{\r a}{\u a}{\i}{\o}{\ss}{\ae}{\l}", "čőçąåăıøßæł"),
    (r"\t{oo} \d{a} \b{a} \={o} \.{z}", "o\u0361o ạ a\u0331 ō ż"),
    (r"a--b---c~d \& \% \$", "a–b—c\u00a0d & % $"),
    (r"``a'' `b' it's", "“a” ‘b’ it’s"),
    (r"$\sqrt{x+1}$ $\frac{a+b}{c}$", "√(x+1) (a+b)/c"),
    (r"\href{https://example.org}{a link}", "a link"),
    (r"{\em word} \textsc{Caps}", "word Caps"),
    (r"a < b & c > d", "a < b & c > d"),
    (r"$<$ \textless{} \&", "< < &"),
])
def test_math_and_macros(source, expected):
    assert decode(source) == expected


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deep_braces_do_not_recurse(depth):
    """Issue 16: ~1000 nested braces raised RecursionError."""
    assert decode("{" * depth + "IL-6" + "}" * depth) == "IL-6"
    assert decode("{a" * depth + "}" * depth) == "a" * depth
    assert decode("{" * depth) == ""
    assert decode("}" * depth + "x") == "x"


def test_deep_accents_keep_their_text():
    """Past MAX_ARGUMENT_DEPTH nested accents the innermost letters are kept, untransformed."""
    out = decode("\\'{" * 5000 + "e" + "}" * 5000)
    assert out.startswith("é") and "{" not in out


def test_linear_time_on_large_input():
    import time

    for text in ("{" * 200_000 + "}" * 200_000, "\\sqrt[" * 50_000, "$^{" * 50_000, "a--" * 100_000):
        start = time.perf_counter()
        decode(text)
        assert time.perf_counter() - start < 5, text[:10]


# ---- fuzzing: `make test` runs a bounded number of examples, `make fuzz` a long campaign

_PIECES = st.sampled_from([
    "{", "}", "\\", "$", "^", "_", "~", "-", "--", "'", "`", "&", "<", ">", "%", "#", " ", "\n",
    "\x00", "\x1b", "\u202e", "𝛼", "😀", "\\'", "\\\"", "\\frac", "\\sqrt[", "\\si", "\\SI",
    "\\emph", "\\t", "\\c", "\\i", "\\o", "\\alpha", "\\circ", "\\noopsort", "\\mathrm", "\\per",
    "\\milli", "\\gram", "\\TeX", "\\unknown", "and", " and ", ",", "=", "family=", "a", "Z", "1",
])
_LATEXISH = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.fuzz
@given(_LATEXISH)
@example("{" * 3000 + "x" + "}" * 3000)
@example("\\'{" * 3000)
@example("$^{" * 3000)
@example("\\sqrt[" * 500)
def test_decode_never_raises(text):
    assert isinstance(decode(text), str)


@pytest.mark.fuzz
@given(st.text(alphabet=st.sampled_from("{}ab <>&$^_~-'"), max_size=60))
def test_braces_never_leak_from_plain_balanced_text(text):
    """Without backslashes, balanced braces only group: none reaches the output."""
    if _balanced(text):
        out = decode(text)
        assert "{" not in out and "}" not in out


# Macros and specials that never print a brace themselves (no `\{`, `\}`, `\lbrace`, ...).
_BRACELESS = st.lists(st.sampled_from([
    "{", "}", "{", "}", "$", "^", "_", "~", "--", "'", "a", "Z", "1", " ", "<", "&", "\\'",
    '\\"', "\\c", "\\t", "\\frac", "\\sqrt[", "]", "\\si", "\\SI", "\\milli", "\\per",
    "\\emph", "\\mathrm", "\\alpha", "\\circ", "\\noopsort", "\\href", "\\unknown", "\\i",
]), max_size=40).map("".join)


@pytest.mark.fuzz
@given(_BRACELESS)
@example("\\frac{{a}")
@example("$\\sqrt[{]}{x}$")
def test_braces_never_leak_from_balanced_latex(text):
    """Balanced braces group and delimit arguments; none reaches the output."""
    if _balanced(text):
        out = decode(text)
        assert "{" not in out and "}" not in out, out


@pytest.mark.fuzz
@given(st.text(alphabet=st.sampled_from("ab <>&{}"), max_size=40))
def test_markup_characters_survive_as_characters(text):
    """Escaping is the renderer's job: <, > and & come out as they went in, never as entities."""
    out = decode(text)
    for char in "<>&":
        assert out.count(char) == text.count(char)
    assert "&amp;" not in out or "&amp;" in text


def test_url_arguments_are_verbatim():
    assert decode(r"see \url{http://a.org/~x_y%20z--b} now") == "see http://a.org/~x_y%20z--b now"
    assert decode(r"\doi{10.1/ab_c}") == "10.1/ab_c"


def test_long_runs_of_open_arguments_stay_linear():
    import time

    for text in ("\\url{" * 100_000, "\\'" * 100_000, "\\frac" * 100_000):
        start = time.perf_counter()
        decode(text)
        assert time.perf_counter() - start < 5, text[:10]
