"""Print one Lighthouse report's scores; exit 1 unless every category scores 100.

A 404 page's own status, which Chromium logs as a console error, is not held against it
(see .ci/steps/lighthouse.sh)."""

import json
import sys

OWN_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"


def failing_audits(report: dict) -> list[tuple[str, dict]]:
    failing = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failing.append((ref["id"], audit))
    return failing


def only_its_own_404(audit_id: str, audit: dict, url: str) -> bool:
    items = (audit.get("details") or {}).get("items", [])
    return (
        audit_id == "errors-in-console"
        and bool(items)
        and all(
            item.get("description") == OWN_404
            and (item.get("sourceLocation") or {}).get("url") == url
            for item in items
        )
    )


def main(path: str, report_path: str) -> int:
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
    scores = {key: category["score"] or 0 for key, category in report["categories"].items()}
    line = " ".join(f"{key}={round(score * 100)}" for key, score in scores.items())
    url = report["finalDisplayedUrl"]
    failing = [
        (audit_id, audit)
        for audit_id, audit in failing_audits(report)
        if not only_its_own_404(audit_id, audit, url)
    ]
    if not failing and all(score == 1 for score in scores.values()):
        print(f"ok   {path}: {line}")
        return 0
    if not failing:
        print(f"ok   {path}: {line} (only the page's own 404 status in the console)")
        return 0
    print(f"FAIL {path}: {line}")
    for audit_id, audit in failing:
        print(f"     {audit_id}: {audit['title']}")
        for item in (audit.get("details") or {}).get("items", [])[:5]:
            node = item.get("node") or {}
            print(f"       {node.get('snippet') or item.get('description') or item}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
