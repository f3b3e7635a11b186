"""reviewtui: a terminal reading app for a local library of film and TV reviews."""

__version__ = "0.1.0"
