"""Letters made in code, for renderer tests that need no YAML."""

from __future__ import annotations

from macros.models import Field, Letter


def make_letter(**changes: object) -> Letter:
    """An email letter with two placeholders; pass any Letter field to change it."""
    values: dict[str, object] = dict(
        id="rejection/thank-you", source="snippets/rejection.yml", line=2,
        title="Thank them", situation="You heard back.", recipient="The manager.",
        timing="Within a day.", channel="email", tone="warm",
        subject="Thanks, {interviewer}",
        body="Dear {interviewer},\n\nThank you.\nReally.\n\n{your_name}",
        fields=(Field("interviewer", "Interviewer's name", "Ms. Patel"),
                Field("your_name", "Your name", "Jordan Lee")),
        tips=("Keep it short.",), tags=("rejection", "email"),
    )
    values.update(changes)
    return Letter(**values)
