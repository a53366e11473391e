#!/usr/bin/env python3
"""layers.py - the kernel's layers hold: no include, and no call, goes up.

The order (lowest first) is docs/architecture.md's "Layers"; LAYERS below
is the same list.  A file may include headers of its own layer and of the
layers below it; dev and fs are peers and neither includes the other.
Generic code (outside kern/arch/) includes only the neutral headers
kern/arch/*.h, never kern/arch/x86/.  include/abi/ is below everything.

Calls are checked from the kernel's objects when they are built (the
objects of $BUILD, default build/): a symbol an object uses must be defined
in its own layer or below (nm: undefined in one object, defined in
another).  Without objects only includes are checked, and it says so.

Every violation still there is listed, with its reason, in
tools/lint/layers.allow: the check prints how many it let through, and
fails on a new violation and on an entry that no longer happens (the list
can only shrink).

Usage: tools/lint/layers.py [BUILD]
"""
import os
import re
import subprocess
import sys

# (layer, the paths that belong to it), lowest first.  One number per layer;
# dev and fs share a number: peers, neither above the other.
LAYERS = [
    (0, "abi", ["include/abi/"]),
    (1, "lib", ["lib/"]),
    (2, "klib", ["kern/lib/"]),
    (3, "arch", ["kern/arch/"]),
    (4, "lock", ["kern/lock/"]),
    (5, "trace", ["kern/trace/"]),
    (6, "sched", ["kern/sched/"]),
    (7, "sync", ["kern/sync/"]),
    (8, "mm", ["kern/mm/"]),
    (9, "dev", ["kern/dev/"]),
    (9, "fs", ["kern/fs/"]),
    (10, "proc", ["kern/proc/"]),
    (11, "syscall", ["kern/syscall/"]),
    (12, "main", ["kern/main.c", "kern/tests/"]),
]
ALLOW = "tools/lint/layers.allow"
INCLUDE_DIRS = ["kern", "include", "."]
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def layer_of(path):
    for rank, name, prefixes in LAYERS:
        if any(path == p or path.startswith(p) for p in prefixes):
            return rank, name
    return None


def sources():
    for top in ("kern", "lib"):
        for root, _, files in os.walk(top):
            for f in files:
                if f.endswith((".c", ".h", ".S")):
                    yield os.path.join(root, f)


def resolve(inc):
    for d in INCLUDE_DIRS:
        p = os.path.normpath(os.path.join(d, inc))
        if os.path.isfile(p):
            return p
    return None  # a compiler header (<stdint.h>, ...)


def wrong(src, dst, include=True):
    """Why src may not include (or call) dst, or None.  A neutral header
    of kern/arch/ declares what kern/arch/x86/ defines: the x86 rule is
    for includes only."""
    a, b = layer_of(src), layer_of(dst)
    if not a or not b:
        return None
    if include and dst.startswith("kern/arch/x86/") and not src.startswith("kern/arch/"):
        return "generic code uses kern/arch/x86/ (only kern/arch/*.h is the interface)"
    if b[0] > a[0] or (b[0] == a[0] and b[1] != a[1]):
        return "%s is above %s" % (b[1], a[1]) if b[0] > a[0] else "%s and %s are peers" % (a[1], b[1])
    return None


def include_violations():
    out = set()
    for src in sorted(sources()):
        with open(src, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for inc in INCLUDE_RE.findall(text):
            dst = resolve(inc)
            if dst and wrong(src, dst):
                out.add((src, dst, wrong(src, dst)))
    return out


def nm(obj):
    r = subprocess.run(["nm", obj], capture_output=True, text=True, check=True)
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            yield "U", parts[1]
        elif len(parts) == 3 and parts[1] in "TDBR":
            yield "D", parts[2]


def call_violations(build):
    objs = []
    for root, _, files in os.walk(os.path.join(build, "kern")):
        objs += [os.path.join(root, f) for f in files if f.endswith(".o")]
    if not objs:
        return None
    defined, used = {}, []
    for obj in objs:
        src = os.path.relpath(obj, build)[:-2]
        src = next((src + e for e in (".c", ".S") if os.path.isfile(src + e)), None)
        if not src:
            continue  # a source gone since the build
        for kind, sym in nm(obj):
            if kind == "D":
                defined[sym] = src
            else:
                used.append((src, sym))
    out = set()
    for src, sym in used:
        dst = defined.get(sym)
        why = dst and wrong(src, dst, include=False)
        if why:
            out.add((src, "%s:%s" % (dst, sym), why))
    return out


def load_allow():
    allow = {}
    with open(ALLOW, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].split()
            if line:
                allow[(line[0], line[1])] = n
    return allow


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    build = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BUILD", "build")
    found = include_violations()
    calls = call_violations(build)
    if calls is None:
        print("layers: no kernel objects in %s/: includes checked, calls not" % build)
    else:
        found |= calls
    allow = load_allow()
    bad = sorted(v for v in found if (v[0], v[1]) not in allow)
    seen = {(v[0], v[1]) for v in found}
    # A call entry is stale only when calls were checked.
    stale = sorted(k for k in allow if k not in seen and (calls is not None or ":" not in k[1]))
    for src, dst, why in bad:
        print("%s -> %s: %s" % (src, dst, why))
    for src, dst in stale:
        print("%s:%d: %s -> %s no longer happens; remove it" % (ALLOW, allow[(src, dst)], src, dst))
    print("layers: %d upward uses allowed by %s (each with its reason)" % (len(seen & set(allow)), ALLOW))
    if bad or stale:
        print("layers: move the code to its layer, pass a function in, or register a hook", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
