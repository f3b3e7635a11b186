"""Widgets that present reviews: each receives state from its screen and posts messages up."""
