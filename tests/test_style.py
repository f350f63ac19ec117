from citekit.bibliography import parse_string
from citekit.style import assign_labels, format_names, plain_reference, sort_key

BIB = r"""
@article{pedersen2001, author = {Pedersen, B. K. and Steensberg, A. and Schjerling, P.}, year = 2001,
  title = {Exercise and interleukin-6}, journal = {Current Opinion in Hematology}, volume = 8, pages = {137--141}}
@article{pedersen2001jphysiol, author = {Pedersen, B. K. and Steensberg, A. and Schjerling, P.}, year = 2001,
  month = oct, title = {Muscle-derived interleukin-6: possible biological effects},
  journal = {The Journal of Physiology}, volume = 536, pages = {329--337}}
@article{hoffman2000, author = {Pedersen, B. K. and Hoffman-Goetz, L.}, year = 2000, title = {Exercise and the immune system}, journal = {Physiol Rev}}
@article{akira1993, author = {Akira, S.}, year = 1993, title = {Interleukin-6 in biology and medicine}, journal = {Adv Immunol}}
@article{ostrowski2000, author = {Ostrowski, K. and others}, year = 2000, title = {Intensity}, journal = {Eur J Appl Physiol}, volume = 83, pages = {512--515}}
@article{ostrowski1998b, author = {Ostrowski, K. and Hermann, C.  and Pedersen, B. K.}, year = 1998, month = dec, title = {B}}
@article{ostrowski1998a, author = {Ostrowski, K. and Rohde, T. and Pedersen, B. K.}, year = 1998, month = may, title = {A}}
@article{notitle, author = {Penkowa, M. and Keller, C.}, year = 2003, journal = {FASEB J}, missing = {title}}
"""


def labels(cited):
    bib = parse_string(BIB)
    return bib, assign_labels(bib, cited)


def test_same_authors_and_year_get_letters_by_date():
    _, lab = labels(["pedersen2001", "pedersen2001jphysiol", "ostrowski1998a", "ostrowski1998b"])
    assert lab.parenthetical("ostrowski1998a") == "Ostrowski et al. 1998a"
    assert lab.parenthetical("ostrowski1998b") == "Ostrowski et al. 1998b"
    assert {lab.year("pedersen2001"), lab.year("pedersen2001jphysiol")} == {"2001a", "2001b"}
    assert lab.year("pedersen2001jphysiol") == "2001b"   # October; the undated one sorts first


def test_letters_only_among_cited_papers():
    _, lab = labels(["pedersen2001jphysiol", "ostrowski1998a"])
    assert lab.year("pedersen2001jphysiol") == "2001" and lab.year("ostrowski1998a") == "1998"


def test_author_labels_follow_j_physiol_2001():
    _, lab = labels(["hoffman2000", "akira1993", "ostrowski2000"])
    assert lab.parenthetical("hoffman2000") == "Pedersen & Hoffman-Goetz, 2000"
    assert lab.parenthetical("akira1993") == "Akira, 1993"
    assert lab.parenthetical("ostrowski2000") == "Ostrowski et al. 2000"   # incomplete list: et al.
    assert lab.narrative("hoffman2000") == "Pedersen & Hoffman-Goetz (2000)"


def test_reference_format():
    bib, lab = labels(["pedersen2001jphysiol", "ostrowski2000", "notitle"])
    assert plain_reference(bib["pedersen2001jphysiol"], lab) == (
        "Pedersen BK, Steensberg A & Schjerling P (2001). Muscle-derived interleukin-6: possible biological "
        "effects. The Journal of Physiology 536, 329–337.")
    assert plain_reference(bib["ostrowski2000"], lab) == (
        "Ostrowski K et al. (2000). Intensity. Eur J Appl Physiol 83, 512–515.")
    assert plain_reference(bib["notitle"], lab) == "Penkowa M & Keller C (2003). FASEB J."
    assert format_names(bib["akira1993"]) == "Akira S"


def test_sorting_single_then_pairs_then_et_al():
    bib, lab = labels(["hoffman2000", "pedersen2001", "pedersen2001jphysiol", "akira1993"])
    order = sorted(["pedersen2001jphysiol", "pedersen2001", "hoffman2000", "akira1993"],
                   key=lambda k: sort_key(bib[k], lab))
    assert order == ["akira1993", "hoffman2000", "pedersen2001", "pedersen2001jphysiol"]
