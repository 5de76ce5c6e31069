"""How dates, times, phone numbers and handles are shown to readers."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.content.phones import telephone
from bulletin.render.filters import breakable, clock, day_date, iso, long_date, social_url, tel


def test_dates_read_the_gov_uk_way() -> None:
    assert long_date(dt.date(2022, 7, 4)) == "4 July 2022"
    assert day_date(dt.date(2022, 9, 19)) == "Monday 19 September 2022"


@pytest.mark.parametrize(
    ("hour", "minute", "shown"),
    [(9, 0, "9am"), (14, 30, "2:30pm"), (12, 0, "midday"), (0, 0, "midnight"), (12, 15, "12:15pm")],
)
def test_clock(hour: int, minute: int, shown: str) -> None:
    assert clock(dt.time(hour, minute)) == shown


def test_iso_keeps_the_offset() -> None:
    from zoneinfo import ZoneInfo

    moment = dt.datetime(2022, 9, 26, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    assert iso(moment) == "2022-09-26T14:00+01:00"


def test_tel_links_keep_only_digits_and_plus() -> None:
    assert tel("020 7946 0123") == "tel:02079460123"
    assert tel("+44 (0)20 7946-0123") == "tel:+4402079460123"


@pytest.mark.parametrize(
    ("written", "region", "link"),
    [
        ("020 7946 0668", "GB", "tel:+442079460668"),
        ("(020) 7946-0668", "GB", "tel:+442079460668"),
        ("+44 (0)20 7946 0668", "GB", "tel:+442079460668"),
        ("01 23 45 67 89", "FR", "tel:+33123456789"),
        ("+33 1 23 45 67 89", "GB", "tel:+33123456789"),
        ("999", "GB", "tel:999"),
        ("116 123", "GB", "tel:116123"),
    ],
)
def test_a_validated_number_is_shown_as_written_and_dialled_in_international_form(
    written: str, region: str, link: str
) -> None:
    number = telephone(written, region)
    assert (str(number), tel(number)) == (written, link)


@pytest.mark.parametrize(
    ("network", "handle", "url"),
    [
        ("x", "@NorthbrookSCP", "https://x.com/NorthbrookSCP"),
        ("facebook", "NorthbrookSCP", "https://www.facebook.com/NorthbrookSCP"),
        ("mastodon", "@team@social.example", "https://social.example/@team"),
        ("instagram", "https://www.instagram.com/x", "https://www.instagram.com/x"),
    ],
)
def test_social_urls(network: str, handle: str, url: str) -> None:
    assert social_url(network, handle) == url


def test_a_breakable_address_wraps_at_real_break_points_and_stays_escaped() -> None:
    assert breakable("team@north.example/a") == "team@<wbr>north.<wbr>example/<wbr>a"
    assert breakable("<b>@x") == "&lt;b&gt;@<wbr>x"
    assert breakable("team@north.example", "print") == "team@north.example"
