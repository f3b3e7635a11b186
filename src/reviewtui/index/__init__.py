"""The search index of one library: a small public face over its private modules."""

from reviewtui.index.catalog import Catalog
from reviewtui.index.db import default_db_path
from reviewtui.index.records import Entry, Hit, ProgressCallback, RefreshResult, SearchSyntaxError
from reviewtui.index.refresh import RefreshPlan
from reviewtui.index.review_index import ReviewIndex

__all__ = [
    "Catalog",
    "Entry",
    "Hit",
    "ProgressCallback",
    "RefreshPlan",
    "RefreshResult",
    "ReviewIndex",
    "SearchSyntaxError",
    "default_db_path",
]
