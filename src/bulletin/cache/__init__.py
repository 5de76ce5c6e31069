"""Cache: what one `bulletin build` leaves for the next, in .bulletin-cache/ (safe to delete).

`cache.inputs` holds the record of the last build and answers "has anything
changed?" without loading the pipeline; `cache.state` keeps the builder's
memory (the issue memo, the memo of products, the bodies of issues).
"""

from bulletin.cache.inputs import (
    APART,
    FOLDER,
    RECORD,
    STATE,
    TEMPLATES,
    InputsCheck,
    Record,
    cache_dir,
    check_inputs,
    hash_inputs,
    up_to_date,
)

__all__ = [
    "APART",
    "FOLDER",
    "RECORD",
    "STATE",
    "TEMPLATES",
    "InputsCheck",
    "Record",
    "cache_dir",
    "check_inputs",
    "hash_inputs",
    "up_to_date",
]
