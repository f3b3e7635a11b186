"""What the TUI needs before Textual is even imported: its settings, the library folder, the
index, and, on a first start, the index's build already under way in a child process."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reviewtui.index import ReviewIndex
from reviewtui.index.child import ChildRefresh, early_refresh
from reviewtui.library.root import LibraryError, LibrarySource, resolve_library
from reviewtui.store.config import Config, load_config


@dataclass
class Launch:
    source: LibrarySource
    index: ReviewIndex
    config: Config = field(default_factory=Config)
    config_warnings: list[str] = field(default_factory=list)
    early_refresh: ChildRefresh | None = None
    """The first build of the index, started before the UI (None: the UI refreshes it)."""

    def stop(self) -> None:
        """Stop the early refresh if it is still running (the program is ending)."""
        if self.early_refresh is not None:
            self.early_refresh.stop()


def prepare_launch(library_option: str | Path | None) -> Launch:
    """Settings, library and index; LibraryError when the library folder is not there."""
    config, warnings = load_config()
    source = resolve_library(library_option, configured=config.library)
    if not source.path.is_dir():
        raise LibraryError(f"library folder not found: {source.path}")
    index = ReviewIndex(source.path)
    return Launch(source, index, config, warnings, early_refresh(index))
