#!/usr/bin/env python3
"""to_html.py - a self-contained timeline of a Chrome Trace Event document:
one HTML file, its data, script and style inline, that needs no network.

The timeline itself (rows, zoom, hover, follow; docs/tracing.md) is
timeline.js, which the playground's live panel loads too; this page inlines
it.  Open it as page.html#view=FROM,TO&follow=PID:TID (microseconds from
the start) to start zoomed in and following.  After drawing, the page
writes what it drew into #status and lists its rows in #tracks, so a
headless browser's DOM shows that it rendered.

    python3 tools/trace/to_html.py IN.json OUT.html [TITLE]
"""
import html
import json
import os
import sys

from to_chrome import CPU_PID

STYLE = r"""
body { font: 13px sans-serif; margin: 0; background: #fafafa; color: #222; }
header { padding: 6px 10px; background: #263238; color: #eceff1; display: flex; gap: 16px;
         align-items: center; flex-wrap: wrap; }
header h1 { font-size: 15px; margin: 0; }
header select, header button { font-size: 12px; }
#status { font-size: 12px; color: #b0bec5; }
#wrap { position: relative; overflow-y: auto; height: calc(100vh - 40px); }
canvas { display: block; cursor: crosshair; }
#tip { position: fixed; pointer-events: none; background: #fffde7; border: 1px solid #999;
       padding: 4px 6px; font: 12px monospace; white-space: pre; display: none; z-index: 2;
       box-shadow: 1px 1px 4px rgba(0,0,0,.3); }
#tracks { display: none; }
"""

# The renderer, shared with the playground's live panel; inlined here, so
# the page needs nothing but itself.
TIMELINE_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "timeline.js")

# The standalone page's own part: its elements, the data, the #hash.
START = r"""
const timeline = PebblesTimeline.create({
  wrap: document.getElementById("wrap"), canvas: document.getElementById("tl"),
  tip: document.getElementById("tip"), pick: document.getElementById("follow"),
  fit: document.getElementById("fit"), following: document.getElementById("following"),
  status: document.getElementById("status"), tracks: document.getElementById("tracks"), keys: window,
}, CPU_PID);
timeline.load(DATA);
timeline.openAt(location.hash.slice(1));
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%(title)s - Pebbles trace</title>
<style>%(style)s</style></head>
<body>
<header><h1>%(title)s</h1>
<span>wheel: zoom &middot; drag: pan &middot; hover: details &middot; click a row: follow it &middot; 0: all</span>
<label>follow <select id="follow"><option value="">(all threads)</option></select></label>
<button id="fit">show all</button><span id="following"></span><span id="status">not rendered</span></header>
<div id="wrap"><canvas id="tl"></canvas></div>
<div id="tip"></div>
<ul id="tracks"></ul>
<script>const CPU_PID = %(cpu_pid)d;
const DATA = %(data)s;
</script>
<script>%(script)s</script>
<script>%(start)s</script>
</body></html>
"""


def render(chrome, title):
    """The page for a Chrome trace dict (as to_chrome.convert makes it)."""
    data = json.dumps(chrome, separators=(",", ":")).replace("</", "<\\/")
    with open(TIMELINE_JS) as f:
        script = f.read().replace("</", "<\\/")
    return PAGE % {"title": html.escape(title), "style": STYLE, "script": script, "start": START,
                   "data": data, "cpu_pid": CPU_PID}


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: to_html.py IN.json OUT.html [TITLE]", file=sys.stderr)
        return 2
    with open(argv[0]) as f:
        chrome = json.load(f)
    with open(argv[1], "w") as f:
        f.write(render(chrome, argv[2] if len(argv) > 2 else argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
