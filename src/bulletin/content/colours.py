"""Validate: how readable a colour is, by WCAG 2's contrast ratio against white."""

from __future__ import annotations


def contrast_with_white(hex_colour: str) -> float:
    """WCAG 2 contrast ratio of a colour (#rrggbb) against white."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
