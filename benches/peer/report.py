"""The peer: the job of `sro-assess report -f pdf` done the usual Python way, to time against.

PyYAML with libyaml's CLoader reads the checklist and the answers; the answers are checked
against the checklist (unknown items and statuses), scored as design.md says (weight by
priority times credit, not applicable left out, unanswered scored 0, band by percentage) and
written as a PDF gap report with reportlab's platypus: the same sections as ours (cover facts,
overall score, summary, section scores, critical gaps, critical unanswered items, strengths,
gaps in priority order, action plan, every item by section, unanswered items, method, sources),
with "Page N of M" footers. Standard Helvetica, as our PDF engine uses today.

Usage: python3 report.py CHECKLIST.yaml ANSWERS.yaml OUT.pdf
"""

import sys
from xml.sax.saxutils import escape

import yaml
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

PRIORITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
RESPONSIBLE = {"district": "District", "law_enforcement": "Law enforcement", "joint": "Joint"}


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=yaml.CLoader)


def check(checklist, answers):
    """The answers by item id, or exit 2 naming every unknown item and status."""
    items = {i["id"] for s in checklist["sections"] for i in s["items"]}
    values = {level["value"] for level in checklist["scale"]}
    problems, by_id = [], {}
    for item_id, entry in (answers.get("answers") or {}).items():
        entry = entry if isinstance(entry, dict) else {"status": entry}
        if item_id not in items:
            problems.append(f"unknown item `{item_id}`")
        elif entry.get("status") not in values:
            problems.append(f"unknown status `{entry.get('status')}` for `{item_id}`")
        else:
            by_id[item_id] = entry
    if problems:
        sys.exit("\n".join(problems))
    return by_id


def score(checklist, answers):
    credit = {level["value"]: level["credit"] for level in checklist["scale"]}
    label = {level["value"]: level["label"] for level in checklist["scale"]}
    weights = checklist["weights"]
    results, sections = [], []
    for section in checklist["sections"]:
        earned = possible = 0.0
        for index, item in enumerate(section["items"]):
            entry = answers.get(item["id"])
            weight = weights[item["priority"]]
            if entry is None:
                status, item_credit = "Unanswered", 0.0
            else:
                status, item_credit = label[entry["status"]], credit[entry["status"]]
            if item_credit is not None:
                earned += weight * item_credit
                possible += weight
            results.append(
                {
                    "item": item,
                    "section": section,
                    "entry": entry or {},
                    "status": status,
                    "credit": item_credit,
                    "weight": weight,
                    "lost": 0 if item_credit is None else weight * (1 - item_credit),
                    "order": len(results),
                    "answered": entry is not None,
                }
            )
        sections.append((section, earned, possible, len(section["items"])))
    earned = sum(s[1] for s in sections)
    possible = sum(s[2] for s in sections)
    percent = 100 * earned / possible if possible else 0.0
    band = next(b["label"] for b in checklist["bands"] if percent >= b["min"])
    return results, sections, earned, possible, percent, band


def numbered_canvas(footer):
    class NumberedCanvas(canvas.Canvas):
        """Holds every page until the end, to write "Page N of M"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.drawString(0.75 * inch, 0.5 * inch, footer)
                self.drawRightString(
                    letter[0] - 0.75 * inch, 0.5 * inch, f"Page {self._pageNumber} of {total}"
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def text(value):
    return escape(str(value)).replace("\u2192", "-&gt;")


def build(checklist, answers_doc, answers, out):
    styles = getSampleStyleSheet()
    body, small, h1, h2 = (
        styles["BodyText"],
        styles["BodyText"],
        styles["Title"],
        styles["Heading2"],
    )
    small = small.clone("small", fontSize=8, leading=10)
    results, sections, earned, possible, percent, band = score(checklist, answers)
    para = lambda t, style=body: Paragraph(text(t), style)  # noqa: E731
    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def table(header, rows, widths):
        data = [[para(h, small) for h in header]]
        data += [[para(c, small) for c in row] for row in rows]
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(grid)
        return t

    def bullets(entries, limit=None):
        shown = entries if limit is None else entries[:limit]
        flow = [para(f"\u2022 {e}", small) for e in shown]
        if limit is not None and len(entries) > limit:
            flow.append(
                para(
                    f'and {len(entries) - limit} items more (see "Every item, by section").', small
                )
            )
        return flow

    answered = [r for r in results if r["answered"]]
    gaps = sorted(
        (r for r in results if r["answered"] and r["credit"] is not None and r["credit"] < 1),
        key=lambda r: (PRIORITY_ORDER[r["item"]["priority"]], -r["lost"], r["order"]),
    )
    unanswered = [r for r in results if not r["answered"]]
    strengths = [r for r in results if r["credit"] == 1]
    status_counts = {}
    for r in results:
        status_counts[r["status"]] = status_counts.get(r["status"], 0) + 1

    story = [
        para("SCHOOL RESOURCE OFFICER PROGRAM", h2),
        para("Gap Report", h1),
        para(answers_doc["district"], h2),
        table(
            ["", ""],
            [
                ["Assessment", answers_doc.get("label", answers_doc["date"])],
                ["Date", answers_doc["date"]],
                ["Prepared by", answers_doc.get("prepared_by", "")],
                ["Checklist", f"{checklist['title']}, version {checklist['version']}"],
                ["Profile", answers_doc["profile"]],
            ],
            [2 * inch, 4.5 * inch],
        ),
        para("Overall score", h2),
        para(f"{percent:.1f}% ({band})", h1),
        para(f"{earned:g} earned of {possible:g} possible weight = {percent:.1f}%"),
        para(
            f"{len(answered)} of {len(results)} items answered ({100 * len(answered) / len(results):.1f}%)"
        ),
        para("Internal notes are not included: this report may be published."),
        PageBreak(),
        para("Summary", h2),
        para(f"{answers_doc['district']} scores {percent:.1f}% ({band}) on this checklist."),
        table(["", ""], [[k, str(v)] for k, v in status_counts.items()], [2 * inch, 4.5 * inch]),
        para("Section scores", h2),
        table(
            ["Section", "Score"],
            [
                [s["title"], f"{100 * e / p:.1f}% ({e:g} / {p:g})" if p else "n/a (0 / 0)"]
                for s, e, p, _ in sections
            ],
            [4.5 * inch, 2 * inch],
        ),
    ]
    critical_gaps = [r for r in gaps if r["item"]["priority"] == "critical"]
    story.append(para(f"Critical gaps ({len(critical_gaps)})", h2))
    story += bullets([f"{r['item']['title'][:80]} ({r['status'].lower()})" for r in critical_gaps])
    critical_unanswered = [r for r in unanswered if r["item"]["priority"] == "critical"]
    story.append(para(f"Critical items not yet answered ({len(critical_unanswered)})", h2))
    story += bullets([r["item"]["title"][:80] for r in critical_unanswered])
    story.append(para("Top strengths", h2))
    story += bullets([r["item"]["title"][:80] for r in strengths], limit=5)

    story += [PageBreak(), para(f"Gaps in priority order ({len(gaps)})", h2)]
    story.append(
        table(
            ["#", "Priority", "Item", "Status", "Responsible", "Next step", "Owner / due"],
            [
                [
                    n + 1,
                    r["item"]["priority"].title(),
                    f"{r['item']['title']} {r['item']['id']}",
                    r["status"],
                    RESPONSIBLE[r["item"]["responsible"]],
                    r["item"]["recommendation"],
                    " ".join(str(r["entry"].get(k, "")) for k in ("owner", "due")) or "\u2014",
                ]
                for n, r in enumerate(gaps)
            ],
            [0.3 * inch, 0.6 * inch, 1.6 * inch, 0.6 * inch, 0.8 * inch, 1.8 * inch, 0.8 * inch],
        )
    )
    planned = sorted(
        (r for r in gaps if r["entry"].get("due")), key=lambda r: str(r["entry"]["due"])
    )
    story += [
        para("Action plan", h2),
        para(
            f"Gaps with an owner and a due date, soonest first. {len(gaps) - len(planned)} other gaps have no owner or due date yet."
        ),
    ]
    story.append(
        table(
            ["Due", "Owner", "Item", "Priority", "Next step"],
            [
                [
                    r["entry"]["due"],
                    r["entry"].get("owner", ""),
                    f"{r['item']['title']} {r['item']['id']}",
                    r["item"]["priority"].title(),
                    r["item"]["recommendation"],
                ]
                for r in planned
            ],
            [0.8 * inch, 1.2 * inch, 2 * inch, 0.7 * inch, 1.8 * inch],
        )
    )
    story += [PageBreak(), para("Every item, by section", h2)]
    for section, e, p, _ in sections:
        story.append(para(section["title"], styles["Heading3"]))
        rows = []
        for r in results:
            if r["section"] is section:
                entry = r["entry"]
                detail = "; ".join(str(entry[k]) for k in ("evidence", "note") if entry.get(k))
                rows.append(
                    [
                        f"{r['item']['title']} {r['item']['id']}",
                        r["status"],
                        r["item"]["priority"].title(),
                        detail,
                    ]
                )
        story.append(
            table(
                ["Item", "Status", "Priority", "Evidence and notes"],
                rows,
                [2.4 * inch, 0.9 * inch, 0.7 * inch, 2.5 * inch],
            )
        )
    story += [PageBreak(), para(f"Unanswered items ({len(unanswered)})", h2)]
    story.append(
        table(
            ["Priority", "Item", "Responsible", "Weight"],
            [
                [
                    r["item"]["priority"].title(),
                    f"{r['item']['title']} {r['item']['id']}",
                    RESPONSIBLE[r["item"]["responsible"]],
                    f"{r['weight']:g}",
                ]
                for r in unanswered
            ],
            [0.9 * inch, 3.6 * inch, 1.2 * inch, 0.8 * inch],
        )
    )
    story += [
        para("Response scale", h2),
        table(
            ["Status", "Written as", "Credit"],
            [
                [
                    level["label"],
                    level["value"],
                    (
                        "left out (not applicable)"
                        if level["credit"] is None
                        else f"{level['credit']:g}"
                    ),
                ]
                for level in checklist["scale"]
            ],
            [2.5 * inch, 2 * inch, 2 * inch],
        ),
        para("Weights", h2),
        table(
            ["Priority", "Weight"],
            [[k.title(), f"{v:g}"] for k, v in checklist["weights"].items()],
            [3 * inch, 3 * inch],
        ),
        para("Ratings", h2),
        table(
            ["Rating", "Overall score"],
            [[b["label"], f"{b['min']:g}% or more"] for b in checklist["bands"]],
            [3 * inch, 3 * inch],
        ),
        table(
            ["Section", "Items", "Earned / possible", "Score"],
            [
                [s["title"], n, f"{e:g} / {p:g}", f"{100 * e / p:.1f}%" if p else "n/a"]
                for s, e, p, n in sections
            ],
            [3 * inch, 0.8 * inch, 1.5 * inch, 1.2 * inch],
        ),
        para("Sources", h2),
    ]
    for source in checklist["sources"]:
        story.append(para(source["title"], small))
        story.append(para(f"{source['publisher']}, {source['year']}", small))
        story.append(para(source["url"], small))
        story.append(Spacer(1, 4))
    footer = f"Checklist {checklist['id']} {checklist['version']}; peer"
    doc = SimpleDocTemplate(out, pagesize=letter, leftMargin=0.75 * inch, rightMargin=0.75 * inch)
    doc.build(story, canvasmaker=numbered_canvas(footer))


def main():
    checklist_path, answers_path, out = sys.argv[1:4]
    checklist = load(checklist_path)
    answers_doc = load(answers_path)
    answers = check(checklist, answers_doc)
    build(checklist, answers_doc, answers, out)


if __name__ == "__main__":
    main()
