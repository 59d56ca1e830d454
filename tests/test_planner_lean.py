"""The planner's HTML stays lean (macros/planner.py): it lists every letter with a send time,
so each step carries the letter once and planner.js makes the rest; its script is the planner
page's own."""

from __future__ import annotations

import re

from macros.library import load_library
from macros.planner import render_planner
from tests.sitebuild import ROOT

LIBRARY = load_library(ROOT / "snippets")
LINKS = {letter_id: (f"../{letter_id.split('/')[0]}/", f"{letter_id.split('/')[0]}/")
         for letter_id in LIBRARY.letters}


def test_each_step_names_its_letter_once() -> None:
    html = render_planner(LIBRARY.letters.values(), LINKS, "https://x/", "planner/")
    steps = re.findall(r'<li class="onward-planner__step".*?</li>', html)
    assert steps
    for step in steps:
        assert "data-title" not in step and "data-url" not in step and "<button" not in step
        assert len(step) < 600, step
    # One button, in a template the script copies into each step.
    assert html.count("<button") == 1 and "<template " in html
    assert 'data-page="planner/"' in html


def test_the_script_comes_with_the_planner_only_when_asked() -> None:
    assert "<script" not in render_planner(LIBRARY.letters.values(), LINKS, "https://x/")
    html = render_planner(LIBRARY.letters.values(), LINKS, "https://x/", "planner/",
                          script="../assets/planner.js")
    assert html.endswith('<script src="../assets/planner.js" defer></script>')
    assert "\n" not in html
