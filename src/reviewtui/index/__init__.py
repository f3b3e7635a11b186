"""The search index of one library: a small public face over its private modules."""

from reviewtui.index.catalog import Catalog
from reviewtui.index.review_index import (
    Entry,
    Hit,
    ProgressCallback,
    RefreshResult,
    ReviewIndex,
    SearchSyntaxError,
    default_db_path,
)

__all__ = [
    "Catalog",
    "Entry",
    "Hit",
    "ProgressCallback",
    "RefreshResult",
    "ReviewIndex",
    "SearchSyntaxError",
    "default_db_path",
]
