"""JUnit XML (the ``testsuites`` shape CI servers read): a test suite per draft, a test case per finding.

A finding at or above the fail level is a ``<failure>``; others are test cases
with the message in ``<system-out>``, so the build stays green on them; a clean
draft is one passing test case. Built with :mod:`xml.etree.ElementTree` (escaping included).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from comparator.check.rules import at_or_above

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult


def _xml_safe(text: str) -> str:
    return "".join(ch if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff"
                                             and not 0xD800 <= ord(ch) <= 0xDFFF) else "\ufffd" for ch in text)


def render(result: "CheckResult", *, color: bool = False) -> str:
    root = ET.Element("testsuites", name="comparator check")
    total = failures = 0
    for draft in result.drafts:
        failed = [f for f in draft.findings if at_or_above(f.level, result.fail_on)]
        suite = ET.SubElement(root, "testsuite", name=_xml_safe(draft.path),
                              tests=str(max(len(draft.findings), 1)), failures=str(len(failed)), errors="0",
                              skipped="0")
        total += max(len(draft.findings), 1)
        failures += len(failed)
        if not draft.findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=_xml_safe(draft.path))
        for f in draft.findings:
            where = f"{f.location.path}:{f.location.line}:{f.location.column}"
            case = ET.SubElement(suite, "testcase", name=_xml_safe(f"{f.rule} at {where}"),
                                 classname=_xml_safe(draft.path), file=_xml_safe(f.location.path),
                                 line=str(f.location.line))
            if at_or_above(f.level, result.fail_on):
                failure = ET.SubElement(case, "failure", message=_xml_safe(f.message), type=f.rule)
                failure.text = _xml_safe(f"{where}: {f.level} {f.rule} {f.message}")
            else:
                ET.SubElement(case, "system-out").text = _xml_safe(f"{where}: {f.level} {f.rule} {f.message}")
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
