"""Measure reviewtui at scale and print each figure against its target, as ratios of one run.

    python benchmarks/run.py [--large 10000] [--small 10] [--work DIR] [--no-tui] [--real FILE]
                             [--python PATH]

--python runs reviewtui with that interpreter, from where it is installed there (a real install
measures what a user starts; the source tree recompiles each start when bytecode is not
written). `--large 100000` measures the sizes of issue 16; its table ends the output, every row
a figure of this run against its target.

It writes five synthetic libraries (small, large, large in plain text, large with YAML front
matter, and small plus a 5 MB, 2,000-section review) with generate_library.py, then measures, each in fresh processes with their own
cache dir:

- the index: first build (cold) and a warm start's refresh + listing, large vs small;
- search: query latency in-process and `reviewtui search` end to end, large vs small;
- `reviewtui show TITLE` end to end, large vs small (it reads one review file);
- peak RSS of the index build of the large library (and of the TUI, when measured);
- parsing the 5 MB review vs a small one;
- the TUI in a real terminal (tmux), when reviewtui.tui.app exists: start-up to first paint
  (cold and warm index), first paint of the 5 MB review vs a small one, and `G` to its end;
- with --real FILE, a first build and a first TUI start on --large copies of that review (one
  of your own, plain text or Markdown: synthetic reviews are not shaped like real ones).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# --src measures another checkout's code (e.g. to compare two versions).
SRC = Path(sys.argv[sys.argv.index("--src") + 1]).resolve() if "--src" in sys.argv else REPO / "src"
# --python: an interpreter where reviewtui is installed (not the source tree).
PYTHON = sys.argv[sys.argv.index("--python") + 1] if "--python" in sys.argv else sys.executable
INSTALLED = "--python" in sys.argv
sys.path.insert(0, str(HERE))
if not INSTALLED:
    sys.path.insert(0, str(SRC))

from generate_library import (  # noqa: E402
    FIRST_LINE,
    HUGE_TITLE,
    LAST_LINE,
    PARAGRAPH_TITLE,
    generate,
    write_paragraph_review,
)

ENDED_WITHIN = 10.0
"""Seconds a measured app is given to end once its terminal is closed."""
PAGE = 25
"""Results a search asks for at a time, as the search screen does."""

# Words every generated library holds, common and less so, alone and combined.
QUERIES = [
    "detective",
    "noir",
    "haunting silence",
    "cinematograph",
    "camera night rain",
    '"the killer"',
    "restraint OR austere",
    "grief mother",
]


# -- measuring in a child process ------------------------------------------------------------


def child_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    if INSTALLED:
        env.pop("PYTHONPATH", None)
    else:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env["XDG_CACHE_HOME"] = str(cache)
    # Reading positions too: a review the user left mid-way would reopen there, away from the
    # first line the benchmark waits for.
    env["XDG_STATE_HOME"] = str(cache / "state")
    env.pop("REVIEWTUI_LIBRARY", None)
    return env


def run_child(mode: str, library: Path, cache: Path) -> dict[str, float]:
    """Run this script's --child MODE in a fresh interpreter; return what it measured."""
    started, spawned = time.perf_counter(), time.time()
    result = subprocess.run(
        [PYTHON, __file__, "--child", mode, str(library), *(["--python", PYTHON] * INSTALLED)],
        capture_output=True,
        text=True,
        env=child_env(cache),
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout)
    figures["process"] = time.perf_counter() - started
    if "listed_at" in figures:  # wall clock of the same machine, from launch to listing
        figures["until_listed"] = figures["listed_at"] - spawned
    return figures


def peak_rss_mb() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024  # kilobytes on Linux


def child(mode: str, library: Path) -> None:
    from reviewtui.index import ReviewIndex
    from reviewtui.library.load import load_review

    figures: dict[str, float] = {}
    started = time.perf_counter()
    index = ReviewIndex(library)
    if mode == "start":
        # What a start needs before its first paint: a screenful of the listing as the index
        # last saw it. The whole listing and the refresh follow, off the first paint's path.
        figures["first_screen"] = len(index.entries(limit=100))
        figures["listed_at"] = time.time()
        figures["listing"] = time.perf_counter() - started
        started = time.perf_counter()
        index.entries()
        figures["full_listing"] = time.perf_counter() - started
        started = time.perf_counter()
    result = index.refresh()
    entries = index.entries()
    figures["refresh"] = time.perf_counter() - started
    figures["read"] = result.read
    figures["entries"] = len(entries)
    if mode == "search":
        for name, queries in (
            ("search_distinctive", distinctive_queries(index)),
            ("search_common", QUERIES),
        ):
            for query in queries:  # warm the page cache, as a user's second keystroke would
                index.search(query, limit=PAGE)
            timings = []
            for query in queries:
                runs = []
                for _ in range(5):
                    began = time.perf_counter()
                    index.search(query, limit=PAGE)
                    runs.append(time.perf_counter() - began)
                timings.append(statistics.median(runs))
            figures[name] = sum(timings) / len(timings)
            figures[name + "_worst"] = max(timings)
    if mode == "parse":
        huge = next(e.path for e in entries if e.title == HUGE_TITLE)
        small = next(e.path for e in entries if e.title != HUGE_TITLE)
        for name, path in (("parse_huge", huge), ("parse_small", small)):
            runs = []
            for _ in range(3):
                began = time.perf_counter()
                load_review(path)
                runs.append(time.perf_counter() - began)
            figures[name] = min(runs)
        figures["parse_headings"] = parse_many_headings()
    if mode == "search_screen":
        for name, queries in (
            ("screen_distinctive", distinctive_queries(index)),
            ("screen_common", common_queries()),
        ):
            figures[name] = asyncio.run(search_screen_latency(index, queries))
    figures["rss"] = peak_rss_mb()
    # Closed as every command closes it: the next child then trusts it without a check of
    # the whole file (about 0.4 s at 100,000 reviews), as the app's next start does.
    index.close()
    print(json.dumps(figures))


def parse_many_headings(count: int = 100_000) -> float:
    """Seconds to parse a review of `count` `##` sections (1.4 MB at 100,000)."""
    from reviewtui.core.parse import parse_review

    body = "# Many\n\n" + "".join(f"## Part {n}\n\ntext\n\n" for n in range(count))
    began = time.perf_counter()
    parse_review(body, Path("many.md"))
    return time.perf_counter() - began


def distinctive_queries(index: object) -> list[str]:
    """Distinctive words (names, rare terms: what people look for), from the library itself:
    words found in 2 to 10 reviews, whole and as their first four letters, as typed."""
    connection = index._connect()  # type: ignore[attr-defined]
    rare = [
        term
        for (term,) in connection.execute(
            "SELECT term FROM terms WHERE doc BETWEEN 2 AND 10 AND length(term) >= 6"
            " AND term GLOB '[a-z]*' ORDER BY doc DESC, term LIMIT 4"
        )
    ]
    return rare + [term[:4] for term in rare]


def common_queries() -> list[str]:
    return [q for q in QUERIES if not any(c in q for c in '"()') and " OR " not in q]


async def search_screen_latency(index: object, queries: list[str]) -> float:
    """Mean seconds from typing a query's last letter to its results in the search screen."""
    from textual.app import App
    from textual.widgets import Input

    from reviewtui.tui.screens.search_screen import SearchScreen

    screen = SearchScreen(index)  # type: ignore[arg-type]

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(screen)

    timings = []
    async with Host().run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        field = screen.query_one(Input)
        for query in queries * 3:
            field.value = query[:-1]
            field.cursor_position = len(field.value)
            while screen.shown_query != query[:-1]:
                await asyncio.sleep(0.001)
            await pilot.pause()
            began = time.perf_counter()
            await pilot.press(query[-1])
            while screen.shown_query != query:
                await asyncio.sleep(0.001)
            await pilot.pause()  # and painted
            timings.append(time.perf_counter() - began)
    return statistics.mean(timings)


# -- measuring the TUI in tmux ----------------------------------------------------------------


class Tui:
    """reviewtui in a tmux pane, read as a person would read the screen."""

    def __init__(self, args: list[str], cache: Path, program: list[str] | None = None) -> None:
        from tmux_term import Term  # beside this script

        env = {
            k: v
            for k, v in child_env(cache).items()
            if k in ("PYTHONPATH", "XDG_CACHE_HOME", "XDG_STATE_HOME")
        }
        program = program or [PYTHON, "-m", "reviewtui"]
        command = " ".join([*program, *map(_quote, args)])
        self.term = Term(command, cols=120, rows=35, env=env, cwd=str(REPO))

    def __enter__(self) -> Tui:
        for attempt in range(5):  # a tmux server that is just shutting down refuses once
            try:
                self.term.__enter__()
                return self
            except subprocess.CalledProcessError:
                if attempt == 4:
                    raise
                time.sleep(0.3)
        return self

    def __exit__(self, *exc: object) -> None:
        running = self.pids()
        self.term.__exit__(*exc)
        # The app ends on the terminal's closing: the next measurement waits until it has, so
        # that it does not share the processor with the last one's exit.
        deadline = time.perf_counter() + ENDED_WITHIN
        while running and time.perf_counter() < deadline:
            running = [pid for pid in running if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
            time.sleep(0.02)

    def wait(self, shown: Callable[[str], bool], timeout: float = 60.0) -> float:
        """Seconds since launch until shown(screen) is true.

        Each look at the screen starts a tmux process, which takes CPU from the app: the
        looks thin out as the wait grows (every 5 ms at first, at most 1% of the time so far).
        """
        began = time.perf_counter()
        deadline = began + timeout
        while time.perf_counter() < deadline:
            if shown(self.term.screen()):
                return time.perf_counter() - self.term.t0
            time.sleep(max(0.005, (time.perf_counter() - began) / 100))
        return float("inf")  # reported as such: the figure misses its target

    def pids(self) -> list[int]:
        """The processes the pane runs: the shell, the app and any child of it."""
        pane = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.term.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        return _descendants(int(pane)) if pane.isdigit() else []

    def wait_idle(self, timeout: float = 120.0, quiet: float = 1.0) -> bool:
        """Wait until the app's processes have used under 5% of a core for `quiet` seconds:
        the listing has arrived and the index is up to date. False if it never settles."""
        deadline = time.perf_counter() + timeout
        ticks = os.sysconf("SC_CLK_TCK")

        def used() -> float:
            total = 0
            for pid in self.pids():
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                total += int(fields[11]) + int(fields[12])  # utime, stime
            return total / ticks

        while time.perf_counter() < deadline:
            before = used()
            time.sleep(quiet)
            if used() - before < 0.05 * quiet:
                return True
        return False

    def peak_rss_mb(self) -> float:
        peak = 0
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        return peak / 1024


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            children = []
        for child_pid in map(int, children):
            found.append(child_pid)
            todo.append(child_pid)
    return found


def any_of(texts: list[str]) -> Callable[[str], bool]:
    return lambda screen: any(text in screen for text in texts)


def tui_start(library: Path, cache: Path, titles: list[str]) -> tuple[float, float]:
    """Seconds until the library screen shows titles, and the app's peak RSS."""
    with Tui(["--library", str(library)], cache) as tui:
        seconds = tui.wait(any_of(titles))
        rss = tui.peak_rss_mb()
    return seconds, rss


def tui_open_first_words(library: Path, cache: Path, title: str) -> float:
    """Seconds until `reviewtui read TITLE` shows the first words of the review's text.

    Not its first heading: the section sidebar lists it before the text is laid out."""
    with Tui(["read", title, "--library", str(library)], cache) as tui:
        return tui.wait(lambda screen: FIRST_LINE in screen)


BUNDLED = REPO / "reviews"
"""The library reviewtui ships (the user's review of "Ballard" among them)."""
BALLARD_FIRST_WORDS = "In 2025, the streaming landscape"


def tui_read_ballard(cache: Path) -> float:
    """Seconds until `reviewtui read Ballard`, in the bundled library, shows its first words."""
    with Tui(["read", "Ballard", "--library", str(BUNDLED)], cache) as tui:
        return tui.wait(lambda screen: BALLARD_FIRST_WORDS in screen)


def tui_open(library: Path, cache: Path, title: str, end: bool) -> tuple[float, float | None]:
    """Seconds until a review's first words show; with end, seconds from `G` to its last line."""
    # Opened afresh each time: the place the last run left (its end, after `G`) would reopen
    # the review there, away from the first words waited for.
    shutil.rmtree(cache / "state", ignore_errors=True)
    with Tui(["read", title, "--library", str(library)], cache) as tui:
        first = tui.wait(lambda screen: FIRST_LINE in screen)
        if not end or first == float("inf"):
            return first, None if not end else float("inf")
        time.sleep(0.5)  # let the first paint settle, as a reader would glance at it
        pressed = tui.term.keys("G")
        if tui.wait(lambda screen: LAST_LINE in screen, timeout=30) == float("inf"):
            return first, float("inf")
        return first, time.perf_counter() - pressed


# -- the run ---------------------------------------------------------------------------------


def first_build_limit(count: int) -> float:
    """Seconds a first index build of `count` reviews may take, as the README's tables give
    it: 10 s at 10,000 reviews, 60 s at 100,000."""
    return 10 if count <= 10_000 else 60


def ratio_line(name: str, value: float, base: float, target: float | None) -> str:
    ratio = value / base if base else float("inf")
    line = f"{name:<44} {value:8.3f} s vs {base:8.3f} s  = {ratio:5.2f}×"
    if target is None:
        return line
    verdict = "meets" if ratio <= target else "MISSES"
    return f"{line}  (target ≤ {target}×: {verdict})"


def limit_line(name: str, value: float, limit: float, unit: str) -> str:
    verdict = "meets" if value < limit else "MISSES"
    return f"{name:<44} {value:8.3f} {unit}  (target < {limit} {unit}: {verdict})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--work", type=Path, help="keep the libraries here (default: a temp dir)")
    parser.add_argument("--no-tui", action="store_true", help="measure the domain only")
    parser.add_argument("--src", type=Path, help="the reviewtui source folder (default: ./src)")
    parser.add_argument(
        "--real", type=Path, metavar="FILE", help="also time first starts on copies of this review"
    )
    parser.add_argument("--python", help="run reviewtui with this interpreter's install")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "LIBRARY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0

    work = args.work or Path(tempfile.mkdtemp(prefix="reviewtui-bench-"))
    small, large, huge = work / "small", work / "large", work / "huge"
    plain = work / "plain"
    yaml_library = work / "yaml"
    began = time.perf_counter()
    for folder, count, with_huge in ((small, args.small, False), (large, args.large, False)):
        if not folder.exists():
            generate(folder, count, with_huge)
    if not plain.exists():
        generate(plain, args.large, plain=True)
    if not yaml_library.exists():
        generate(yaml_library, args.large, yaml=True)
    if not huge.exists():
        generate(huge, args.small, True)
    print(f"libraries ready in {time.perf_counter() - began:.1f} s under {work}", file=sys.stderr)

    def fresh_cache() -> Path:
        return Path(tempfile.mkdtemp(prefix="cache-", dir=work))

    lines: list[str] = EchoedLines(
        [f"reviewtui benchmark: {args.large} vs {args.small} reviews, {os.cpu_count()} CPUs"]
    )
    lines.append("")
    lines.append("Index and search (domain, each in a fresh process):")
    cold_small = run_child("refresh", small, fresh_cache())
    large_cache = fresh_cache()
    cold_large = run_child("refresh", large, large_cache)
    build_limit = first_build_limit(args.large)
    lines.append(
        limit_line(
            f"first index build, {args.large} reviews", cold_large["refresh"], build_limit, "s"
        )
    )
    lines.append(
        ratio_line(
            "  vs the small library's first build",
            cold_large["refresh"],
            cold_small["refresh"],
            None,
        )
    )
    lines.append(
        limit_line("peak RSS of that build (max of processes)", cold_large["rss"], 250, "MB")
    )
    cold_plain = run_child("refresh", plain, fresh_cache())
    lines.append(
        limit_line(
            f"  the same, {args.large} plain-text reviews (.txt)",
            cold_plain["refresh"],
            build_limit,
            "s",
        )
    )
    cold_yaml = run_child("refresh", yaml_library, fresh_cache())
    lines.append(
        limit_line(
            f"  the same, {args.large} reviews with YAML front matter",
            cold_yaml["refresh"],
            build_limit,
            "s",
        )
    )
    small_cache = fresh_cache()
    run_child("refresh", small, small_cache)
    starts_small, starts_large = [], []
    for _ in range(7):  # interleaved, so that a busy moment of the machine hits both alike
        starts_small.append(run_child("start", small, small_cache))
        starts_large.append(run_child("start", large, large_cache))

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    lines.append(
        ratio_line(
            "warm start: process until a screenful listed",
            median(starts_large, "until_listed"),
            median(starts_small, "until_listed"),
            1.3,
        )
    )
    lines.append(
        f"{'  then the whole listing':<44} "
        f"{median(starts_large, 'full_listing'):8.3f} s vs {median(starts_small, 'full_listing'):8.3f} s"
    )
    lines.append(
        f"{'  then the background refresh (nothing new)':<44} "
        f"{median(starts_large, 'refresh'):8.3f} s vs {median(starts_small, 'refresh'):8.3f} s"
    )
    search_small = run_child("search", small, small_cache)
    search_large = run_child("search", large, large_cache)
    lines.append("")
    lines.append("Search latency (the first 25 results, snippets included):")
    if importlib.util.find_spec("textual") is not None:
        screen_small = run_child("search_screen", small, small_cache)
        screen_large = run_child("search_screen", large, large_cache)
        for kind in ("distinctive", "common"):
            lines.append(
                ratio_line(
                    f"search screen, {kind} words: key to results",
                    screen_large["screen_" + kind],
                    screen_small["screen_" + kind],
                    1.3,
                )
            )

    def cli_time(library: Path, cache: Path, *command: str, full_check: bool = False) -> float:
        if full_check:  # as after a change, or a few seconds after the last command
            for record in (cache / "reviewtui").glob("check-*"):
                record.unlink()
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reviewtui", *command, "--library", str(library)],
            env=child_env(cache),
            capture_output=True,
            check=True,
        )
        return time.perf_counter() - started

    def listed_titles(library: Path, cache: Path) -> list[str]:
        listing = subprocess.run(
            [sys.executable, "-m", "reviewtui", "list", "--json", "--library", str(library)],
            env=child_env(cache),
            capture_output=True,
            check=True,
        )
        return [row["title"] for row in json.loads(listing.stdout)]

    def sharing(title: str, titles: list[str]) -> int:
        """How many titles begin with `title`'s words: a lookup's search of titles finds those."""
        words = title.casefold().split()
        return sum(1 for other in titles if other.casefold().split()[: len(words)] == words)

    try:
        large_titles = listed_titles(large, large_cache)
        small_titles = listed_titles(small, small_cache)
    except subprocess.CalledProcessError:
        large_titles, small_titles = [""], [""]
    # The middle title of the listing, and the first: a one-word title many others begin with.
    search = ("search", "haunting silence")
    commands = [("`reviewtui search` end to end", search, None, False)]
    commands.append(("  the same, each checking the whole folder", search, None, True))
    for label, title in (("", large_titles[len(large_titles) // 2]), ("  ", large_titles[0])):
        shared = sharing(title, large_titles)
        name = f"{label}`reviewtui show {title}` ({shared} begin so)"
        on_small = ("show", small_titles[len(small_titles) // 2])
        commands.append((name, ("show", title), on_small, False))
    # Run one after another, commands reuse the last full check of the folder for a few
    # seconds (library/last_check.py); the second row shows them without.
    for name, on_large, on_small, full in commands:
        try:
            cli_large, cli_small = [], []
            for _ in range(7):  # interleaved, as the starts are
                cli_large.append(cli_time(large, large_cache, *on_large, "--json", full_check=full))
                small_command = on_small or on_large
                cli_small.append(
                    cli_time(small, small_cache, *small_command, "--json", full_check=full)
                )
            target = None if full else 1.3
            lines.append(
                ratio_line(name, statistics.median(cli_large), statistics.median(cli_small), target)
            )
        except subprocess.CalledProcessError:
            lines.append(f"{name}: not in this checkout.")
    for kind in ("distinctive", "common"):
        lines.append(
            ratio_line(
                f"  the query alone, {kind} words (in process)",
                search_large["search_" + kind],
                search_small["search_" + kind],
                None,
            )
        )
    lines.append(
        f"{'  slowest common query at ' + str(args.large):<44} "
        f"{search_large['search_common_worst']:8.3f} s"
    )
    listed, listed_rss = list_json(large, large_cache)
    lines.append(limit_line(f"`list --json`, {args.large} reviews (warm index)", listed, 2, "s"))
    lines.append(limit_line("  its peak RSS", listed_rss, 100, "MB"))
    parse = run_child("parse", huge, fresh_cache())
    lines.append(
        f"{'parse the 5 MB, 2,000-section review':<44} {parse['parse_huge']:8.3f} s "
        f"(a small review: {parse['parse_small'] * 1000:.1f} ms)"
    )
    lines.append(
        limit_line("parse of a review with 100,000 `##` headings", parse["parse_headings"], 1, "s")
    )

    lines.append("")
    if args.no_tui:
        lines.append("TUI measurements skipped (--no-tui).")
    elif importlib.util.find_spec("reviewtui.tui.app") is None:
        lines.append("TUI measurements need reviewtui.tui.app (not in this checkout).")
    elif shutil.which("tmux") is None:
        lines.append("TUI measurements need tmux (apt-get install tmux).")
    else:
        lines += measure_tui(small, large, huge, fresh_cache, args)
    if args.real:
        lines += measure_copies(args.real, work, args.large, fresh_cache, tui=not args.no_tui)
    print("\n".join(lines))
    return 0


class EchoedLines(list[str]):
    """The report's lines, each also written to stderr as it is measured (a 100,000-review run
    takes a long while)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.extend(lines)

    def append(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)
        super().append(line)

    def extend(self, lines: object) -> None:
        for line in lines:  # type: ignore[attr-defined]
            self.append(line)

    def __iadd__(self, lines: object) -> EchoedLines:  # type: ignore[override]
        self.extend(lines)
        return self


_LAUNCHER = (
    "import os, subprocess, sys, time\n"
    "began = time.perf_counter()\n"
    "child = subprocess.Popen(sys.argv[1:])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "seconds = time.perf_counter() - began\n"
    "print(seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status), file=sys.stderr)\n"
)
"""Runs a command and says its seconds, peak RSS (KB) and exit status on stderr. On Linux, a
process's peak RSS counts the memory of the process that started it, as it was then: started
from this small launcher, not from the benchmark (which holds a listing of the library by
then), the command's own is measured."""


def list_json(library: Path, cache: Path) -> tuple[float, float]:
    """Seconds of `reviewtui list --json` (output read and dropped), and its peak RSS in MB."""
    command = [PYTHON, "-m", "reviewtui", "list", "--json", "--library", str(library)]
    process = subprocess.Popen(
        [sys.executable, "-c", _LAUNCHER, *command],
        env=child_env(cache),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    while process.stdout.read(1 << 16):
        pass
    _, report = process.communicate()
    seconds, rss_kb, status = report.decode().split()[-3:]
    if int(status) != 0:
        return float("inf"), float("inf")
    return float(seconds), int(rss_kb) / 1024


def bare_start(cache: Path) -> float:
    """Seconds until a bare Textual app shows its one Static."""
    from bare_app import SHOWN

    with Tui([], cache, [PYTHON, _quote(str(HERE / "bare_app.py"))]) as tui:
        return tui.wait(lambda screen: SHOWN in screen)


def end_in_library(library: Path, cache: Path, last_title: str, first: list[str]) -> float:
    """Seconds from `End` in the library's list until its last review shows."""
    with Tui(["--library", str(library)], cache) as tui:
        tui.wait(any_of(first))
        # The whole listing follows the first screen, then the index is brought up to date:
        # End is pressed once all that is over, as a person who has looked at the list would.
        if not tui.wait_idle():
            return float("inf")
        tui.term.keys("Tab")
        time.sleep(0.3)
        pressed = tui.term.keys("End")
        if tui.wait(lambda screen: last_title in screen, timeout=60) == float("inf"):
            return float("inf")
        return time.perf_counter() - pressed


def measure_copies(
    real: Path, work: Path, count: int, fresh_cache: Callable[[], Path], tui: bool
) -> list[str]:
    """First build and first TUI start on `count` copies of a real review, each titled apart."""
    from reviewtui.core.model import Review
    from reviewtui.library.load import load_review

    review = load_review(real)
    if not isinstance(review, Review):
        return ["", f"--real: {real} cannot be read: {review}"]
    text = real.read_text(encoding="utf-8", errors="replace")
    folder = work / f"copies-{count}-{real.stem}"
    if not folder.exists():
        for number in range(count):
            copy = folder / f"{number // 100:03d}" / f"{real.stem}-{number:05d}{real.suffix}"
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(text.replace(review.title, f"{review.title} {number}"), "utf-8")
    lines = ["", f"{count} copies of {real.name} ({real.stat().st_size // 1024} KB each):"]
    built = run_child("refresh", folder, fresh_cache())
    lines.append(limit_line("  first index build (CLI)", built["refresh"], 10, "s"))
    if tui:
        titles = sorted((f"{review.title} {n}" for n in range(count)), key=str.casefold)[:300]
        seconds, _ = tui_start(folder, fresh_cache(), titles)
        lines.append(limit_line("  first start with index build (TUI)", seconds, 10, "s"))
    return lines


def measure_tui(
    small: Path, large: Path, huge: Path, fresh_cache: Callable[[], Path], args: argparse.Namespace
) -> list[str]:
    from reviewtui.index import ReviewIndex

    def last_title(library: Path) -> str:
        index = ReviewIndex(library, db_path=Path(tempfile.mkdtemp()) / "titles.sqlite3")
        index.refresh()
        return index.entries()[-1].title

    def titles(library: Path) -> list[str]:
        index = ReviewIndex(library, db_path=Path(tempfile.mkdtemp()) / "titles.sqlite3")
        index.refresh()
        names = sorted({e.title for e in index.entries()}, key=str.casefold)
        return names[:300] if len(names) > 300 else names

    lines = ["TUI in a real terminal (tmux, 120×35), seconds from launch:"]
    small_titles, large_titles = titles(small), titles(large)
    last_large = last_title(large)
    small_cache, large_cache = fresh_cache(), fresh_cache()
    cold_small, _ = tui_start(small, small_cache, small_titles)
    cold_large, _ = tui_start(large, large_cache, large_titles)
    lines.append(ratio_line("start-up to first paint, cold index", cold_large, cold_small, None))
    lines.append(
        limit_line(
            f"  first start with index build, {args.large}",
            cold_large,
            first_build_limit(args.large),
            "s",
        )
    )
    # Interleaved, and seven of each: a start is a fraction of a second, and one slow start
    # (the machine busy for a moment) must not decide the median.
    warm_small_runs, runs, bare_runs, read_runs, ballard_runs = [], [], [], [], []
    read_title = small_titles[0]
    bundled_cache = fresh_cache()
    tui_read_ballard(bundled_cache)  # the bundled library indexed first: this measures the reader
    for _ in range(7):
        bare_runs.append(bare_start(small_cache))
        warm_small_runs.append(tui_start(small, small_cache, small_titles)[0])
        runs.append(tui_start(large, large_cache, large_titles))
        read_runs.append(tui_open_first_words(small, small_cache, read_title))
        ballard_runs.append(tui_read_ballard(bundled_cache))
    bare = statistics.median(bare_runs)
    warm_small = statistics.median(warm_small_runs)
    warm_large = statistics.median(seconds for seconds, _ in runs)
    lines.append(ratio_line("start-up to first paint, warm index", warm_large, warm_small, 1.3))
    lines.append(ratio_line("first paint of the library vs a bare app", warm_small, bare, 1.3))
    read_paint = statistics.median(read_runs)
    lines.append(
        ratio_line(f"first paint of `read {read_title}` vs a bare app", read_paint, bare, 1.5)
    )
    lines.append(
        ratio_line(
            "first paint of `read Ballard` (the bundled library) vs a bare app",
            statistics.median(ballard_runs),
            bare,
            1.5,
        )
    )
    ends = [end_in_library(large, large_cache, last_large, large_titles) for _ in range(3)]
    lines.append(
        limit_line(
            f"`End` in the library, {args.large} reviews", statistics.median(ends), 0.15, "s"
        )
    )
    lines.append(
        limit_line(f"  peak RSS of the app at {args.large}", max(r for _, r in runs), 200, "MB")
    )

    huge_cache = fresh_cache()
    tui_start(huge, huge_cache, titles(huge))  # index it first: this measures the reader
    small_title = next(t for t in titles(huge) if t != HUGE_TITLE)
    small_paint = statistics.median(
        tui_open(huge, huge_cache, small_title, False)[0] for _ in range(3)
    )
    opened = [tui_open(huge, huge_cache, HUGE_TITLE, True) for _ in range(3)]
    huge_paint = statistics.median(first for first, _ in opened)
    to_end = statistics.median(end for _, end in opened if end is not None)
    lines.append(ratio_line("first paint of the 5 MB review", huge_paint, small_paint, 1.5))
    lines.append(limit_line("  `G` to its last line", to_end, 0.3, "s"))
    paragraph = huge.parent / "paragraph"
    if not paragraph.exists():
        generate(paragraph, args.small)
        write_paragraph_review(paragraph)
    paragraph_cache = fresh_cache()
    tui_start(paragraph, paragraph_cache, titles(paragraph))  # indexed first, as above
    opened = [tui_open(paragraph, paragraph_cache, PARAGRAPH_TITLE, True) for _ in range(3)]
    lines.append(
        limit_line(
            "first paint of a 20 MB single-paragraph review",
            statistics.median(first for first, _ in opened),
            2,
            "s",
        )
    )
    to_end = statistics.median(end for _, end in opened if end is not None)
    lines.append(limit_line("  `G` to its last line", to_end, 0.3, "s"))
    return lines


if __name__ == "__main__":
    sys.exit(main())
