"""serve sets what its first build made aside from the cycle collector, once."""

from __future__ import annotations

import gc

from bulletin.commands import serve


def test_the_first_build_is_frozen_out_of_full_collections() -> None:
    kept = [[] for _ in range(1000)]
    try:
        serve._set_aside_the_first_build()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
