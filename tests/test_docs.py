"""The documentation site builds strictly, fetches nothing, and really draws its charts.

The browser check runs where Debian's ``chromium`` is installed (``.ci/run`` installs it); it
opens the built report page from the file system with every network request refused.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(target)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return target


def test_generated_pages_exist(site: Path) -> None:
    for page in (
        "plans/vision-3.html",
        "plans/report-fy2024.html",
        "plans/diff-3-4.html",
        "plans/check.html",
        "reference/cli.html",
        "reference/kinds.html",
        "reference/api.html",
        "getting-started.html",
        "concepts.html",
    ):
        assert (site / page).is_file(), page
    cli = (site / "reference" / "cli.html").read_text("utf-8")
    for verb in ("validate", "grade", "report", "check", "diff", "new-edition", "record", "fmt"):
        assert f"teijuu {verb}" in cli
    api = (site / "reference" / "api.html").read_text("utf-8")
    assert "grade_kpi" in api
    assert "grade_vision" in api
    from teijuu import api as public

    for name in public.__all__:  # generated from __all__: every public name has its entry
        if name != "__version__":
            assert f"teijuu.api.{name}" in api, name
    assert "budget_totals" in api
    assert (site / "python.html").is_file()


def test_nothing_is_fetched_from_the_network(site: Path) -> None:
    fetched = re.compile(
        r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)=[\"']?(?:https?:)?//", re.I
    )
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert not fetched.search(html), page
        assert "fonts.googleapis" not in html, page
    for sheet in site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", sheet.read_text("utf-8")), sheet


def test_report_page_draws_svg_charts(site: Path) -> None:
    html = (site / "plans" / "report-fy2024.html").read_text("utf-8")
    assert html.count("teijuu-chart teijuu-pie") == 4
    assert html.count("teijuu-chart teijuu-bar") == 1
    assert "language-mermaid" not in html


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (`apt-get install chromium`); .ci/run installs it",
)
def test_report_page_shows_its_charts_in_a_browser_with_no_network(
    site: Path, tmp_path: Path
) -> None:
    assert CHROMIUM is not None
    page = (site / "plans" / "report-fy2024.html").as_uri()
    shot = tmp_path / "report.png"
    common = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        # No network: every host name fails, every request goes to a closed proxy.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=http://127.0.0.1:9",
    ]
    dom = subprocess.run(
        [*common, "--dump-dom", page], capture_output=True, text=True, timeout=120, check=False
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = dom.stdout
    # The charts are in the page as SVG (drawn), not as a code block waiting for a script.
    assert len(re.findall(r"<svg[^>]*class=\"teijuu-chart", rendered)) == 5
    assert "<path d=" in rendered
    assert "language-mermaid" not in rendered
    done = subprocess.run(
        [*common, "--window-size=1280,2000", f"--screenshot={shot}", page],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert shot.stat().st_size > 20_000  # a page with pictures, not a blank one


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (`apt-get install chromium`); .ci/run installs it",
)
def test_search_works_from_the_file_system_with_no_network(site: Path, tmp_path: Path) -> None:
    """Bug: opened from file://, the site's search stayed at 「検索を初期化」: the browser
    refuses a Web Worker and fetch() there. Material's offline plugin puts the index in a
    script, and iframe-worker's shim (served with the site, not from a CDN) runs the worker."""
    assert CHROMIUM is not None
    assert (site / "search" / "search_index.js").is_file()
    assert (site / "assets" / "iframe-worker" / "shim.js").is_file()
    page = (site / "index.html").as_uri() + "?q=record"
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=http://127.0.0.1:9",
            "--virtual-time-budget=15000",  # time for the worker to load the index and answer
            "--dump-dom",
            page,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    meta = re.search(r'class="md-search-result__meta">([^<]*)<', dom.stdout)
    assert meta is not None
    assert re.fullmatch(r"\d+件見つかりました", meta.group(1)), meta.group(1)
    assert "md-search-result__item" in dom.stdout
