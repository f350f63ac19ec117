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


def test_letters_follow_the_reference_list_order_full_author_list_then_year():
    _, lab = labels(["pedersen2001", "pedersen2001jphysiol", "ostrowski1998a", "ostrowski1998b"])
    # The CSL's bibliography sort: Ostrowski, Hermann, ... before Ostrowski, Rohde, ...
    assert lab.parenthetical("ostrowski1998b") == "Ostrowski et al. 1998a"
    assert lab.parenthetical("ostrowski1998a") == "Ostrowski et al. 1998b"
    assert lab.letters == {"ostrowski1998b": "a", "ostrowski1998a": "b", "pedersen2001": "a",
                           "pedersen2001jphysiol": "b"}
    # Same full author list and year (the CSL has no rule): the earlier date, then the title.
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
    assert format_names(bib["akira1993"]) == "Akira S"
    assert plain_reference(bib["notitle"], lab) == "Penkowa M & Keller C (2003). FASEB J."


def test_sorting_by_the_full_author_list_then_year():
    bib, lab = labels(["hoffman2000", "pedersen2001", "pedersen2001jphysiol", "akira1993"])
    order = sorted(["pedersen2001jphysiol", "pedersen2001", "hoffman2000", "akira1993"],
                   key=lambda k: sort_key(bib[k], lab))
    # Pedersen, Hoffman-Goetz before Pedersen, Steensberg, ...
    assert order == ["akira1993", "hoffman2000", "pedersen2001", "pedersen2001jphysiol"]


STYLE_BIB = r"""
@book{guyton1986, author = {Guyton, A. C.}, year = 1986, title = {Textbook of medical physiology},
  edition = {7}, publisher = {Saunders}, address = {Philadelphia}}
@incollection{akira1993ch, author = {Akira, S.}, year = 1993, title = {Chapter title}, booktitle = {A big book},
  editor = {Dixon, F. J. and Kunkel, H.}, pages = {1--78}, publisher = {Academic Press}, address = {New York},
  edition = {2}}
@article{nobody2005, year = 2005, title = {No author here}, journal = {Lancet}, volume = 3, pages = {10--9}}
@article{dots2000, author = {Doe, J.}, year = 2000, title = {T}, journal = {J. Appl. Physiol.}, volume = 1,
  pages = {329--37}}
@article{short2000, author = {Doe, J.}, year = 2001, title = {T}, journal = {Journal of Applied Physiology},
  shortjournal = {J. Appl. Physiol.}, volume = 1, pages = {1--2}}
@article{editors2006, editor = {Jones, A. and Smith, B.}, year = 2006, title = {Edited}, journal = {J}}
@article{tester2001, author = {Tester, A.}, year = {2001a}, title = {One}, journal = {J}}
@article{tester2001x, author = {Tester, A.}, year = {2001}, title = {Two}, journal = {J}}
@article{tester2001y, author = {Tester, A.}, year = {2001}, title = {Three}, journal = {J}}
"""


def _style_bib():
    bib = parse_string(STYLE_BIB + "@article{many, author = {" + " and ".join(f"N{i}, A." for i in range(20))
                       + "}, year = 2001, title = {Twenty}, journal = {J}, volume = 1, pages = {1--2}}\n"
                       "@article{nineteen, author = {" + " and ".join(f"N{i}, A." for i in range(19))
                       + "}, year = 2002, title = {Nineteen}, journal = {J}, volume = 1, pages = {1--2}}\n")
    return bib, assign_labels(bib, bib.entries)


def test_numeric_edition_is_an_ordinal_and_a_chapter_prints_its_editors():
    bib, lab = _style_bib()
    assert plain_reference(bib["guyton1986"], lab) == \
        "Guyton AC (1986). Textbook of medical physiology, 7th edn. Saunders, Philadelphia."
    assert plain_reference(bib["akira1993ch"], lab) == (
        "Akira S (1993). Chapter title. In A big book, 2nd edn., ed. Dixon FJ & Kunkel H, pp. 1–78. "
        "Academic Press, New York.")


def test_no_author_is_anon_and_editors_are_marked():
    bib, lab = _style_bib()
    assert lab.parenthetical("nobody2005") == "Anon, 2005"
    assert plain_reference(bib["nobody2005"], lab) == "Anon (2005). No author here. Lancet 3, 10–19."
    assert plain_reference(bib["editors2006"], lab) == "Jones A & Smith B eds. (2006). Edited. J."


def test_page_ranges_expanded_and_journal_periods_stripped():
    bib, lab = _style_bib()
    assert plain_reference(bib["dots2000"], lab) == "Doe J (2000). T. J Appl Physiol 1, 329–337."
    assert plain_reference(bib["short2000"], lab).endswith("J Appl Physiol 1, 1–2.")


def test_et_al_from_twenty_authors_in_the_list_and_three_in_text():
    bib, lab = _style_bib()
    assert format_names(bib["many"]) == "N0 A et al."
    assert format_names(bib["nineteen"]).endswith("N17 A & N18 A")
    assert lab.parenthetical("nineteen") == "N0 et al. 2002"


def test_a_year_written_with_a_letter_keeps_labels_unique_and_is_reported():
    from citekit.diagnostics import Report
    bib = parse_string(STYLE_BIB)
    report = Report()
    lab = assign_labels(bib, ["tester2001", "tester2001x", "tester2001y"], report=report)
    # Once both 2001 papers got 2001a and 2001b, and the one written 2001a shared a label.
    assert sorted(lab.year(k) for k in ["tester2001", "tester2001x", "tester2001y"]) == ["2001a", "2001b", "2001c"]
    assert [str(d) for d in report.warnings] == [
        "<string>:13: entry 'tester2001' has the year '2001a': the letter is left out, and the style gives "
        "letters itself to papers with the same authors and year. Write year = {2001}"]


def test_a_dropping_particle_follows_the_initials_in_the_list():
    """biblatex's useprefix=false makes 'de la' a dropping particle: the CSL prints it last."""
    from citekit.style import format_names
    bib = parse_string("@book{k, author = {family=Vallée Poussin, given=Charles, prefix=de la, useprefix=false},"
                       " title = {T}, year = {1912}}")
    assert format_names(bib["k"]) == "Vallée Poussin C de la"
    bib = parse_string("@book{k, author = {Charles de la Vall{\\'e}e Poussin}, title = {T}, year = {1912}}")
    assert format_names(bib["k"]) == "de la Vallée Poussin C"
