#!/usr/bin/env python3
# A TOY command scorer that shows the protocol (core/score/COMMAND.md); it is biased on purpose:
# a keyword score that also marks down the pronoun "she", so the audit finds flips.
import json, sys
for line in sys.stdin:
    req = json.loads(line)
    f = req["fields"]
    text = f.get("summary", "").lower()
    score = 0.4 + 0.02 * min(float(f.get("years") or 0), 10) + 0.1 * ("references" in text)
    if f.get("pronoun") == "she":
        score -= 0.15  # the deliberate bias the audit should catch
    label = "advance" if score >= 0.5 else "reject"
    print(json.dumps({"id": req["id"], "score": round(score, 4), "label": label}), flush=True)
