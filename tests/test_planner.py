"""Timing as data (`send:` in snippets/*.yml), the planner's HTML (macros/planner.py) and the
command-line letter tool (macros/cli.py: `python -m macros letter` and `list`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.library import load_library
from macros.models import EVENTS, Send
from macros.planner import render_planner, timeline, when_text
from macros.problems import ProblemsFound, unknown_id
from tests.helpers import run_macros
from tests.sitebuild import ROOT

LIBRARY = load_library(ROOT / "snippets")


# --- 1. Timing as data -------------------------------------------------------------------------

def test_schema_lists_the_same_events_as_the_code() -> None:
    schema = json.loads((ROOT / "snippets" / "schema.json").read_text("utf-8"))
    send = schema["$defs"]["letter"]["properties"]["send"]
    assert send["properties"]["after"]["enum"] == list(EVENTS)
    for key in ("after", "days", "every"):
        assert send["properties"][key]["description"]


def test_the_example_documents_send() -> None:
    example = (ROOT / "snippets" / "_example.yml").read_text("utf-8")
    assert "send: {after: heard-back, days: 0}" in example
    assert all(event in example for event in EVENTS)


@pytest.mark.parametrize("letter_id, send", [
    ("rejection/warm-thanks", Send("heard-back", 0)),
    ("follow-up/application-email", Send("applied", 7)),
    ("follow-up/status-email", Send("answer-date", 1)),
    ("after-interview/thank-you-email", Send("interviewed", 0)),
    ("offers/written-offer-email", Send("offer", 0)),
    ("keep-in-touch/check-in", Send("heard-back", 90, 105)),
])
def test_letters_carry_their_send_time(letter_id: str, send: Send) -> None:
    assert LIBRARY.letters[letter_id].send == send


def test_every_event_has_letters_and_timeless_letters_have_none() -> None:
    events = {letter.send.after for letter in LIBRARY.letters.values() if letter.send}
    assert events == set(EVENTS)
    for letter_id in ("networking/elevator-pitch", "rejection/feedback-phone",
                      "interviews/reschedule-email", "linkedin/recommendation-request"):
        assert LIBRARY.letters[letter_id].send is None


def test_letters_that_say_when_mostly_have_a_send_time() -> None:
    dated = re.compile(r"within|after|days|weeks|months", re.IGNORECASE)
    with_words = [letter for letter in LIBRARY.letters.values() if dated.search(letter.timing)]
    assert sum(1 for letter in with_words if letter.send) >= len(with_words) * 0.6


def broken_library(tmp_path: Path, old: str, new: str) -> list[str]:
    snippets = tmp_path / "snippets"
    shutil.copytree(ROOT / "snippets", snippets)
    path = snippets / "follow-up.yml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        load_library(snippets)
    return [str(problem) for problem in found.value.problems]


def line_of(text: str, path: Path = ROOT / "snippets" / "follow-up.yml") -> int:
    return path.read_text("utf-8").splitlines().index(text) + 1


SEND = "    send: {after: applied, days: 7}"


@pytest.mark.parametrize("new, message", [
    ("    send: {after: applied, days: -3}",
     "letters[0].send.days: -3 is out of range; write a whole number of calendar days after the "
     "event (0 is the same day) from 0 to 365"),
    ("    send: {after: applied, days: 400}",
     "letters[0].send.days: 400 is out of range; write a whole number of calendar days after the "
     "event (0 is the same day) from 0 to 365"),
    ("    send: {after: apply, days: 7}",
     "letters[0].send.after: 'apply' is not allowed; did you mean 'applied'? Use one of: "
     "applied, invited, interviewed, answer-date, heard-back, offer, met."),
    ("    send: {after: lunch, days: 7}",
     "letters[0].send.after: 'lunch' is not allowed; use one of: "
     "applied, invited, interviewed, answer-date, heard-back, offer, met."),
    ("    send: {after: applied, days: 7, every: 1}",
     "letters[0].send.every: 1 is out of range; write a whole number of days between repeats "
     "from 7 to 365"),
    ("    send: {after: applied, days: a week}",
     "letters[0].send.days: should be a whole number, not text"),
    ("    send: {after: applied}",
     "letters[0].send.days: is missing; add it (see snippets/_example.yml)"),
])
def test_the_check_rejects_nonsense_send_times(tmp_path: Path, new: str, message: str) -> None:
    line = line_of(SEND)
    problems = broken_library(tmp_path, SEND, new)
    assert f"snippets/follow-up.yml:{line}: {message}" in problems


def test_check_command_reports_send_problems(tmp_path: Path) -> None:
    for part in ("docs", "snippets"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    path = tmp_path / "snippets" / "follow-up.yml"
    path.write_text(path.read_text("utf-8").replace(SEND, "    send: {after: applied, days: -1}", 1),
                    encoding="utf-8")
    result = run_macros("check", "--root", str(tmp_path))
    assert result.returncode == 1
    assert f"snippets/follow-up.yml:{line_of(SEND)}: letters[0].send.days: -1 is out of range" \
        in result.stdout


# --- 2. The planner's HTML ---------------------------------------------------------------------

@pytest.mark.parametrize("send, text", [
    (Send("applied", 7), "7 days after you applied"),
    (Send("answer-date", 1), "1 day after the answer date"),
    (Send("interviewed", 0), "On the day of the interview"),
    (Send("heard-back", 90, 105), "90 days after you heard no, then every 105 days"),
])
def test_when_text(send: Send, text: str) -> None:
    assert when_text(send) == text


def planner_html() -> str:
    links = {letter_id: (f"../{letter_id.split('/')[0]}/", f"{letter_id.split('/')[0]}/")
             for letter_id in LIBRARY.letters}
    return render_planner(LIBRARY.letters.values(), links, "https://example.org/onward/")


def test_planner_is_generated_from_every_send_time() -> None:
    html = planner_html()
    sent = [letter for letter in LIBRARY.letters.values() if letter.send]
    assert html.count('class="onward-planner__step"') == len(sent)
    for letter in sent:
        assert f'data-letter="{letter.id}"' in html
        assert f'href="../{letter.group}/#{letter.anchor}"' in html
    assert "\n" not in html  # one raw HTML block for Markdown


def test_planner_reads_without_scripts() -> None:
    html = planner_html()
    assert '<time class="onward-planner__when" datetime="P7D">7 days after you applied</time>' \
        in html
    assert '<form class="onward-planner__form" hidden' in html  # shown by the script
    assert re.search(r'<button [^>]*hidden[^>]*>Add to calendar</button>', html)
    assert html.index('data-event="applied"') < html.index('data-event="heard-back"')


def test_timeline_sorts_each_event_by_days() -> None:
    for letters in timeline(LIBRARY.letters.values()).values():
        days = [letter.send.days for letter in letters]
        assert days == sorted(days)


def test_planner_escapes_what_it_shows() -> None:
    from tests.factories import make_letter

    letter = make_letter(title='A <b>"bold"</b> title', send=Send("applied", 2))
    html = render_planner([letter], {letter.id: ("../r/", "r/")}, "https://x/")
    assert "<b>" not in html and "&lt;b&gt;" in html


# --- 5. The command-line letter tool -----------------------------------------------------------

def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_macros(*args)


def test_letter_prints_the_filled_letter_subject_first() -> None:
    result = run("letter", "rejection/warm-thanks", "--set", "company=Acme",
                 "--set", "interviewer=Dana")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Subject: Thank you, Dana"
    assert lines[1] == ""
    assert lines[2] == "Dear Dana,"
    assert "Acme" in result.stdout and "{company}" not in result.stdout
    assert "[Your name]" in result.stdout  # a blank left reads as on the site
    assert "Still blank: role (Job title), highlight (Something you enjoyed), your_name " \
        "(Your name)." in result.stderr


def test_letter_with_every_blank_filled_names_none() -> None:
    letter = LIBRARY.letters["rejection/brief-thanks"]
    sets = [arg for field in letter.fields for arg in ("--set", f"{field.key}=X {field.key}")]
    result = run("letter", letter.id, *sets)
    assert result.returncode == 0
    assert "Still blank" not in result.stderr and "[" not in result.stdout


def test_letter_without_subject_prints_body_only() -> None:
    result = run("letter", "rejection/feedback-phone")
    assert result.returncode == 0
    assert not result.stdout.startswith("Subject:")


def test_unknown_letter_names_the_closest_id() -> None:
    result = run("letter", "rejection/warm-thank")
    assert result.returncode == 1
    assert result.stdout == ""
    # Worded as the build and the check word an unknown id (macros.problems.unknown_id).
    assert result.stderr == (
        unknown_id("letter", "rejection/warm-thank", LIBRARY.letters)
        + " (`python -m macros list` shows every id)\n")
    assert result.stderr.startswith('letter("rejection/warm-thank"): no letter has this id; '
                                    'did you mean "rejection/warm-thanks"?')


@pytest.mark.parametrize("pair, message", [
    ("company", "--set 'company': write it as KEY=VALUE, like --set company=Acme"),
    ("=Acme", "--set '=Acme': write it as KEY=VALUE, like --set company=Acme"),
    ("compny=Acme", "--set compny: rejection/warm-thanks has no blank named 'compny'; did you "
                    "mean 'company'? its blanks are: interviewer, role, highlight, company, "
                    "your_name"),
])
def test_bad_set_is_a_message(pair: str, message: str) -> None:
    result = run("letter", "rejection/warm-thanks", "--set", pair)
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr


def test_list_prints_every_id_with_title_and_channel() -> None:
    result = run("list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(LIBRARY.letters)
    for line, letter in zip(lines, LIBRARY.letters.values(), strict=True):
        assert re.fullmatch(rf"{re.escape(letter.id)} +{re.escape(letter.title)} "
                            rf"\({letter.channel}\)", line)
