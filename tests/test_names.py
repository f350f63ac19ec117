"""BibTeX names: the three forms, particles, braces, biblatex's extended form, empty names."""

from __future__ import annotations

import pytest
from citekit.names import Person, name_problems, parse_names, parse_person, split_names

# raw name -> (First, von, Last, Jr), as BibTeX splits it
EXPECTED_SPLITS = [
    (r"Charles de la Vall{\'e}e Poussin", ("Charles", "de la", "Vallée Poussin", "")),
    ("Jean de La Fontaine", ("Jean", "de", "La Fontaine", "")),
    (r"de la Vall{\'e}e Poussin, Charles", ("Charles", "de la", "Vallée Poussin", "")),
    ("Ludwig van Beethoven", ("Ludwig", "van", "Beethoven", "")),
    ("van Beethoven, Jr., Ludwig", ("Ludwig", "van", "Beethoven", "Jr.")),
    ("Smith, Jr., John", ("John", "", "Smith", "Jr.")),
    ("Donald E. Knuth", ("Donald E.", "", "Knuth", "")),
    ("Pedersen, B. K.", ("B. K.", "", "Pedersen", "")),
    ("Bente Klarlund Pedersen", ("Bente Klarlund", "", "Pedersen", "")),
    ("Hoffman-Goetz, L.", ("L.", "", "Hoffman-Goetz", "")),
    ("van der Poll, T.", ("T.", "van der", "Poll", "")),
    ("De Lisio, M.", ("M.", "", "De Lisio", "")),
    ("O'Reilly, C. E.", ("C. E.", "", "O’Reilly", "")),
    (r"Lyngs{\o}, D.", ("D.", "", "Lyngsø", "")),
    ("{Barnes and Noble}", ("", "", "Barnes and Noble", "")),
    ("{World Health Organization}", ("", "", "World Health Organization", "")),
    ("John {von} Neumann", ("John von", "", "Neumann", "")),   # a braced word has no case
    (r"Jean {\'e}mile Zola", ("Jean", "émile", "Zola", "")),  # a special character has one
    (r"Jean {\o}ster Zola", ("Jean", "øster", "Zola", "")),   # \o is lower case to BibTeX
    ("jean de la fontaine", ("", "jean de la", "fontaine", "")),
    ("abc", ("", "", "abc", "")),
    ("  John \t  Smith \n", ("John", "", "Smith", "")),
    ("John~Smith", ("John", "", "Smith", "")),
    ("Smith ,John", ("John", "", "Smith", "")),
    ("Viktorov, Michail~Markovitch", ("Michail Markovitch", "", "Viktorov", "")),
    ("Jean-Paul de~la Tour", ("Jean-Paul", "de la", "Tour", "")),
    ("Smith, A, B, C", ("B C", "", "Smith", "A")),   # too many commas: read as pybtex reads it
    ("family=Vallée Poussin, given=Charles, prefix=de la, useprefix=false",
     ("Charles", "de la", "Vallée Poussin", "")),
    ("given=Ludwig, family=Beethoven, prefix=van, useprefix=true", ("Ludwig", "van", "Beethoven", "")),
    ("family={Smith, Jones}, given=Ann, suffix=Jr.", ("Ann", "", "Smith, Jones", "Jr.")),
]


@pytest.mark.parametrize("raw, parts", EXPECTED_SPLITS)
def test_split(raw, parts):
    person = parse_person(raw)
    assert (person.first, person.von, person.last, person.jr) == parts


# Decided against the J Physiol CSL through pandoc --citeproc (see the names module docstring).
@pytest.mark.parametrize("raw, family, particle", [
    (r"Charles de la Vall{\'e}e Poussin", "de la Vallée Poussin", ""),
    ("Jean de La Fontaine", "de La Fontaine", ""),
    ("van Hall, G.", "van Hall", ""),
    ("family=Beethoven, given=Ludwig, prefix=van, useprefix=true", "van Beethoven", ""),
    ("family=Beethoven, given=Ludwig, prefix=van, useprefix=false", "Beethoven", "van"),
    ("family=Beethoven, given=Ludwig, prefix=van", "Beethoven", "van"),
    ("Pedersen, B. K.", "Pedersen", ""),
])
def test_family_and_particle(raw, family, particle):
    person = parse_person(raw)
    assert (person.family, person.particle) == (family, particle)


def test_first_von_last_takes_every_word_after_the_particle():
    """Issue 12: only the last word became the family name ("Poussin CdlV", "Fontaine")."""
    poussin = parse_person(r"Charles de la Vall{\'e}e Poussin")
    assert poussin.family == "de la Vallée Poussin" and poussin.initials == "C"
    assert parse_person("Jean de La Fontaine").family == "de La Fontaine"


def test_initials():
    assert Person("Bente Klarlund", "", "Pedersen").initials == "BK"
    assert Person("J.-O.", "", "Jansson").initials == "J-O"


def test_double_and_makes_no_person_named_and():
    """Issue 12: `John Smith and and Terry Brown` made a person named "and Terry"."""
    people, complete = parse_names("John Smith and and Terry Brown")
    assert [(p.first, p.last) for p in people] == [("John", "Smith"), ("Terry", "Brown")]
    assert complete


@pytest.mark.parametrize("raw, problems", [
    ("John Smith and and Terry Brown",
     ["an empty name after 'John Smith' ('and' twice in a row): remove one 'and' or add the missing name"]),
    ("and John Smith", ["the name list starts with 'and': remove it"]),
    ("John Smith and", ["the name list ends with 'and': remove it or add the missing name"]),
    ("Smith, A, B, C", ["the name 'Smith, A, B, C' has 3 commas; a name has at most two "
                        "(von Last, Jr, First): join the names with 'and' or brace a comma"]),
    ("Smith, John and , Ann", ["the name ', Ann' has no family name: write it as 'Last, First'"]),
    ("given=Ann", ["the name 'given=Ann' has no family=: add the family name"]),
    ("Smith and others and Brown", ["'and others' stands before other names: put it last"]),
    ("Smith and\x1b[2J and Brown", []),
    ("Smith, \x1b[2J, A, B", ["the name 'Smith, \\x1b[2J, A, B' has 3 commas; a name has at most two "
                              "(von Last, Jr, First): join the names with 'and' or brace a comma"]),
    ("Smith, John and Brown, Ann and others", []),
    ("{Barnes and and Noble}", []),
    ("", []),
])
def test_name_problems(raw, problems):
    assert name_problems(raw) == problems


def test_split_names_at_and_words_only():
    assert split_names("Armand and anderssen AND Sand") == ["Armand", "anderssen", "Sand"]
    assert split_names("A and{B} and C") == ["A and{B}", "C"]
    assert split_names("A\tand\nB") == ["A", "B"]


def test_others_marks_the_list_incomplete():
    people, complete = parse_names("Smith, J. and others")
    assert len(people) == 1 and not complete


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deep_braces_do_not_recurse(depth):
    """Issue 16: ~1000 nested braces raised RecursionError in name parsing."""
    raw = "{" * depth + "Smith" + "}" * depth + ", John and Brown, " + "{" * depth
    people, _ = parse_names(raw)
    assert people[0].last == "Smith" and people[0].first == "John"
    assert people[1].last == "Brown"
    assert name_problems(raw) == []


def test_unknown_extended_key_is_named():
    assert name_problems("family=Smith, givn=John") == [
        "the name 'family=Smith, givn=John' has an unknown part 'givn=': "
        "use family=, given=, prefix=, suffix= or useprefix="]


def test_problems_are_capped_per_list():
    problems = name_problems("Smith" + " and" * 5000 + " Brown")
    assert len(problems) == 11
    assert problems[-1] == "… and 4989 more problems in this name list"


def test_long_names_are_shortened_in_messages():
    [problem] = name_problems("A" * 500 + ", B, C, D")
    assert "A" * 59 + "…" in problem and len(problem) < 200
