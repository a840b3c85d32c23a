"""Invented multi-event corpora for the corpus-mode tests (no evaluation data)."""

from __future__ import annotations

import json
from pathlib import Path

STORIES = {
    "riverton-budget": ("2024-03-05", [
        ("Riverton Ledger", "Riverton council passes budget",
         "The Riverton city council voted 7-2 on Tuesday to approve a budget of $4 million for road repairs.\n\n"
         "Mayor Elena Brooks said the plan would fix 40 streets by the end of the year.\n\n"
         "Council member Tom Fisher opposed the measure, calling it a reckless giveaway to contractors."),
        ("Valley Post", "Council approves Riverton road budget",
         "Riverton's council approved a $4 million road repair budget on Tuesday by a vote of 7-2.\n\n"
         "\"We will fix 40 streets this year,\" Mayor Elena Brooks said.\n\n"
         "The budget also pays for two new snowplows."),
        ("County Wire", "Riverton budget vote",
         "The city council in Riverton approved spending $4.5 million on roads on Tuesday.\n\n"
         "Mayor Elena Brooks promised repairs to 40 streets."),
    ]),
    "harbor-strike": ("2024-03-07", [
        ("Riverton Ledger", "Dock workers strike at Port Salem",
         "About 1,200 dock workers walked off the job at Port Salem on Thursday over pay.\n\n"
         "The union said talks with the port authority broke down after six weeks.\n\n"
         "Shipping through the port has slowed to a crawl, officials said."),
        ("Valley Post", "Port Salem strike halts shipping",
         "Roughly 1,200 workers at Port Salem went on strike Thursday in a dispute over wages.\n\n"
         "Union leader Maria Ortiz said the port authority refused a 5 percent raise.\n\n"
         "The port authority declined to comment on the talks."),
    ]),
    "school-closure": ("2024-03-09", [
        ("County Wire", "Lincoln Elementary to close",
         "The Brookfield school board voted Monday to close Lincoln Elementary in June.\n\n"
         "Superintendent Alan Reyes said enrollment had fallen by a third since 2015.\n\n"
         "Parents protested outside the meeting."),
        ("Valley Post", "Brookfield board closes Lincoln Elementary",
         "Brookfield's school board decided on Monday to shut Lincoln Elementary at the end of the school year.\n\n"
         "\"Enrollment has dropped by a third,\" Superintendent Alan Reyes said.\n\n"
         "Students will move to Oak Street School in the fall."),
    ]),
}


def write_jsonl(path: Path, *, extra_lines: list[str] | None = None, event_field: str = "event") -> Path:
    """One JSONL record per article, with the event in ``event_field``."""
    lines = []
    for event, (date, articles) in STORIES.items():
        for outlet, title, text in articles:
            lines.append(json.dumps({event_field: event, "published": date, "outlet": outlet, "title": title,
                                     "text": text}))
    lines += extra_lines or []
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
