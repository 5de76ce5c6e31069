"""serve sets what its first build made aside from the cycle collector, once."""

from __future__ import annotations

import gc

from bulletin.commands import serve


def test_the_first_build_is_frozen_out_of_full_collections() -> None:
    made_by_the_build = [[] for _ in range(3)]
    assert any(item is made_by_the_build for item in gc.get_objects())
    try:
        serve._set_aside_the_first_build()
        # gc.get_objects() lists the collector's generations; frozen objects are in none.
        assert not any(item is made_by_the_build for item in gc.get_objects())
    finally:
        gc.unfreeze()
