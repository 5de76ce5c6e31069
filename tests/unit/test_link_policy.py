"""The one link policy, the picture check and the preview's names, on their own."""

from __future__ import annotations

import pytest

from bulletin.content.link_policy import AddressProblem, safe_link, site_address, web_address
from bulletin.content.pictures import svg_problem
from bulletin.render.filters import social_url


@pytest.mark.parametrize(
    "address",
    ["https://www.example.org/page?a=1#x", "http://localhost:8000/", "https://bücher.example/"],
)
def test_web_addresses_pass(address: str) -> None:
    assert web_address(address) == address


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "https://a.example/\"onmouseover='x'",
        "https://a.example/<script>",
        "https://a.example/\x0b",
        "https://",
        "ftp://files.example/",
    ],
)
def test_other_addresses_are_refused(address: str) -> None:
    with pytest.raises(AddressProblem):
        web_address(address)


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("https://a.example/", True),
        ("mailto:a@b.example", True),
        ("tel:+442079460000", True),
        ("javascript:alert(1)", False),
        ("data:image/png;base64,AAAA", False),
        ('https://a.example/"><b>', False),
        ("@team", False),
    ],
)
def test_the_last_guard_keeps_only_allowed_schemes(address: str, kept: bool) -> None:
    assert safe_link(address) == (address if kept else "")


@pytest.mark.parametrize(
    ("address", "made"),
    [("https://a.example", "https://a.example/"), ("https://a.example/n_1/v1.0/", None)],
)
def test_site_addresses_end_in_a_slash(address: str, made: str | None) -> None:
    assert site_address(address) == (made or address)


def test_social_addresses_are_links_only_when_they_are_safe() -> None:
    assert social_url("x", "@Team_1") == "https://x.com/Team_1"
    assert social_url("mastodon", "@team@social.example") == "https://social.example/@team"
    assert social_url("mastodon", "@team") == ""  # no server: no link
    assert social_url("mastodon", "javascript:alert(1)") == ""


def test_an_svg_that_only_draws_passes() -> None:
    drawing = (
        b"<svg xmlns='http://www.w3.org/2000/svg'><defs><linearGradient id='g'/></defs>"
        b"<rect fill='url(#g)' width='1' height='1'/></svg>"
    )
    assert svg_problem(drawing) is None
    assert svg_problem(b"<html/>") is not None
    assert svg_problem(b"not xml") is not None
