"""The footer shows the keys the screen offers, and is rebuilt only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from reviewtui.tui.widgets.quiet_footer import QuietFooter

from .app_support import make_app, open_reader, wait_until

SIZE = (110, 30)


async def test_the_footer_is_rebuilt_only_when_the_keys_it_shows_change() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.last_refresh is not None)
        footer = app.screen.query_one(QuietFooter)
        await wait_until(pilot, lambda: bool(footer.query(FooterKey)))
        await pilot.pause(0.1)
        keys = list(footer.query(FooterKey))
        app.screen.refresh_bindings()  # asked to rebuild, with nothing changed
        await pilot.pause(0.2)
        assert list(footer.query(FooterKey)) == keys  # the very same widgets
        shown = [key.description for key in keys]
        await pilot.press("tab")  # to the list: its letter keys are offered
        await wait_until(pilot, lambda: list(footer.query(FooterKey)) != keys)
        assert [key.description for key in footer.query(FooterKey)] != shown


async def test_a_footer_whose_screen_closed_before_its_rebuild_is_left_alone() -> None:
    # A rebuild runs after the next refresh: by then the screen may have been closed (Esc
    # from the reader, quickly). The rebuild then does nothing, instead of failing.
    app = make_app(title="Ballard")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_reader(pilot)
        footer = reader.query_one(QuietFooter)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not footer.is_attached)
        await footer._rebuild()  # as the rebuild asked for before the screen closed runs
