#!/usr/bin/env python3
"""validate.py - check a Chrome Trace Event document as the viewers need it:
  - a traceEvents list; every event has name (a string), ph (one of the
    phases we write), integer pid and tid; all but metadata have a numeric
    ts >= 0; X slices a dur >= 0; instants a scope s in g, p, t;
  - per track (pid, tid), timestamps never go back, in file order;
  - per track, every B is closed by an E of the same name, in order (they
    nest), and no E comes without its B;
  - every pid that has events is named by process_name metadata.
check() returns the list of problems ([] = valid).

    python3 tools/trace/validate.py FILE.json     prints them; exit 1 if any
"""
import json
import sys

PHASES = {"B", "E", "X", "i", "M"}


def _fields(i, ev):
    if not isinstance(ev, dict):
        return ["event %d is not an object" % i]
    errs = []
    if not isinstance(ev.get("name"), str):
        errs.append("event %d has no name" % i)
    if ev.get("ph") not in PHASES:
        errs.append("event %d: phase %r" % (i, ev.get("ph")))
    for k in ("pid", "tid"):
        if not isinstance(ev.get(k), int):
            errs.append("event %d has no integer %s" % (i, k))
    if ev.get("ph") != "M" and not (isinstance(ev.get("ts"), (int, float)) and ev["ts"] >= 0):
        errs.append("event %d: ts %r" % (i, ev.get("ts")))
    if ev.get("ph") == "X" and not (isinstance(ev.get("dur"), (int, float)) and ev["dur"] >= 0):
        errs.append("event %d: X without a dur >= 0" % i)
    if ev.get("ph") == "i" and ev.get("s") not in ("g", "p", "t"):
        errs.append("event %d: instant with scope %r" % (i, ev.get("s")))
    return errs


def _tracks(events):
    """Per-track order and B/E nesting."""
    errs, last, stacks = [], {}, {}
    for i, ev in enumerate(events):
        if ev.get("ph") == "M":
            continue
        key = (ev["pid"], ev["tid"])
        if ev["ts"] < last.get(key, 0):
            errs.append("event %d (%s): ts %s goes back on track %s" % (i, ev["name"], ev["ts"], key))
        last[key] = ev["ts"]
        stack = stacks.setdefault(key, [])
        if ev["ph"] == "B":
            stack.append(ev["name"])
        elif ev["ph"] == "E":
            if not stack:
                errs.append("event %d: E %r without a B on track %s" % (i, ev["name"], key))
            elif stack.pop() != ev["name"]:
                errs.append("event %d: E %r closes another slice on track %s" % (i, ev["name"], key))
    errs += ["track %s: B %r never ends" % (k, s[-1]) for k, s in stacks.items() if s]
    return errs


def check(doc):
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        return ["no traceEvents list"]
    events = doc["traceEvents"]
    errs = []
    for i, ev in enumerate(events):
        errs += _fields(i, ev)
    if errs:
        return errs
    errs += _tracks(events)
    named = {ev["pid"] for ev in events if ev["ph"] == "M" and ev["name"] == "process_name"}
    used = {ev["pid"] for ev in events if ev["ph"] != "M"}
    errs += ["pid %d has no process_name" % p for p in sorted(used - named)]
    return errs


def main(argv):
    if len(argv) != 1:
        print("usage: validate.py FILE.json", file=sys.stderr)
        return 2
    with open(argv[0]) as f:
        errs = check(json.load(f))
    for e in errs:
        print(e)
    print("%s: %s" % (argv[0], "valid" if not errs else "%d problems" % len(errs)))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
