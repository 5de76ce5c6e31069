"""Slugs: the file names, ids and topic addresses made from what editors write."""

from __future__ import annotations

import pytest

from bulletin.content.slugs import slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Focus on … FIT", "focus-on-fit"),
        ("Children\u2019s services", "childrens-services"),
        ("Été 2027", "ete-2027"),
        ("Gŵyl Haf 2027", "gwyl-haf-2027"),
        ("Crèche & café", "creche-cafe"),
        ("Straße der Kinder", "strasse-der-kinder"),
        ("Ærø Øst", "aero-ost"),
        ("Łódź", "lodz"),
        ("ﬁnance", "finance"),
        ("Ελληνικά", ""),
    ],
)
def test_accents_are_dropped_not_the_letters_that_carry_them(text: str, slug: str) -> None:
    assert slugify(text) == slug
