#!/usr/bin/env python3
"""to_html.py - a self-contained timeline of a Chrome Trace Event document:
one HTML file, its data, script and style inline, that needs no network.

What a person can do with it (docs/tracing.md):
  - zoom with the mouse wheel (around the pointer) or + and -, pan by
    dragging or with the arrow keys, 0 or a double click to see it all;
  - hover over a slice or an instant to see what it was (name, time,
    duration, arguments);
  - click a thread (its name, or anything on its row; or pick it in the
    list) to follow it: its row and the stretches it ran on a CPU stay
    bright, everything else dims, and a line joins each of its wakeups to
    the row of the thread that woke it; Escape stops following;
  - open it as page.html#view=FROM,TO&follow=PID:TID (microseconds from
    the start) to start zoomed in and following.
Rows: the CPUs first (who ran when, interrupts), then one group per task
(the kernel's threads first), one row per thread.
After drawing, the page writes what it drew into #status and lists its
rows in #tracks, so a headless browser's DOM shows that it rendered.

    python3 tools/trace/to_html.py IN.json OUT.html [TITLE]
"""
import html
import json
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

SCRIPT = r"""
"use strict";
const LABEL_W = 230, RULER_H = 24, ROW_H = 22, GROUP_H = 18, MIN_PX = 1;
const CAT_COLOURS = {fault: "#d32f2f", block: "#ef6c00", proc: "#6a1b9a", mem: "#00897b",
                     mark: "#000000", irq: "#78909c", sched: "#546e7a", trace: "#b71c1c"};
const ev = DATA.traceEvents;
const procName = {}, threadName = {}, sortIndex = {};
for (const e of ev) {
  if (e.ph !== "M") continue;
  if (e.name === "process_name") procName[e.pid] = e.args.name;
  if (e.name === "thread_name") threadName[e.pid + ":" + e.tid] = e.args.name;
  if (e.name === "process_sort_index") sortIndex[e.pid] = e.args.sort_index;
}
const tracks = new Map();
function track(pid, tid) {
  const k = pid + ":" + tid;
  if (!tracks.has(k))
    tracks.set(k, {key: k, pid, tid, name: threadName[k] || ("thread " + tid),
                   slices: [], instants: [], open: []});
  return tracks.get(k);
}
let t0 = Infinity, t1 = -Infinity, nslices = 0, ninstants = 0;
for (const e of ev) {
  if (e.ph === "M") continue;
  const t = track(e.pid, e.tid);
  t0 = Math.min(t0, e.ts); t1 = Math.max(t1, e.ts + (e.dur || 0));
  if (e.ph === "X") {
    t.slices.push({ts: e.ts, dur: e.dur, name: e.name, cat: e.cat, args: e.args, depth: 0}); nslices++;
  }
  else if (e.ph === "B") t.open.push(e);
  else if (e.ph === "E") {
    const b = t.open.pop();
    if (b) { t.slices.push({ts: b.ts, dur: e.ts - b.ts, name: b.name, cat: b.cat,
                            args: Object.assign({}, b.args, e.args), depth: t.open.length}); nslices++; }
  } else if (e.ph === "i") { t.instants.push({ts: e.ts, name: e.name, cat: e.cat, args: e.args}); ninstants++; }
}
if (!isFinite(t0)) { t0 = 0; t1 = 1; }
if (t1 <= t0) t1 = t0 + 1;
// Rows: groups by pid (sort index, then pid), threads by tid.
const pids = [...new Set([...tracks.values()].map(t => t.pid))]
  .sort((a, b) => ((sortIndex[a] || 0) - (sortIndex[b] || 0)) || (a - b));
const rows = [];
let y = RULER_H;
for (const pid of pids) {
  rows.push({group: true, pid, name: procName[pid] || ("pid " + pid), y}); y += GROUP_H;
  for (const t of [...tracks.values()].filter(t => t.pid === pid).sort((a, b) => a.tid - b.tid)) {
    t.slices.sort((a, b) => a.ts - b.ts);
    rows.push({group: false, track: t, y}); t.y = y; y += ROW_H;
  }
}
const totalH = y + 8;

const canvas = document.getElementById("tl"), ctx = canvas.getContext("2d");
const tip = document.getElementById("tip"), pick = document.getElementById("follow");
let view0 = t0, view1 = t1, follow = null, dragging = null;

function hue(s) { let h = 0; for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0; return h % 360; }
function colour(item) {
  if (item.cat === "syscall") return "hsl(" + hue(item.name) + ",55%,62%)";
  if (item.cat === "sched" && item.args && item.args.tid !== undefined)
    return "hsl(" + hue("t" + item.args.tid * 7919) + ",45%,55%)";
  return CAT_COLOURS[item.cat] || "#888";
}
function width() { return canvas.width / devicePixelRatio; }
function xOf(t) { return LABEL_W + (t - view0) / (view1 - view0) * (width() - LABEL_W); }
function tOf(x) { return view0 + (x - LABEL_W) / (width() - LABEL_W) * (view1 - view0); }
function fmtTime(us) {
  const a = Math.abs(us);
  if (a >= 1000) return (us / 1000).toFixed(a >= 10000 ? 1 : 3) + " ms";
  if (a >= 1) return us.toFixed(a >= 100 ? 0 : 2) + " µs";
  return (us * 1000).toFixed(0) + " ns";
}
function followed(t) { return !follow || t.key === follow; }
function ranFollowed(s) { return !follow || (s.args && (s.args.task + ":" + s.args.tid) === follow); }

function resize() {
  const w = document.getElementById("wrap").clientWidth;
  canvas.width = w * devicePixelRatio; canvas.height = totalH * devicePixelRatio;
  canvas.style.width = w + "px"; canvas.style.height = totalH + "px";
  ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
  draw();
}

function drawRuler() {
  const w = width(), span = view1 - view0;
  let step = Math.pow(10, Math.floor(Math.log10(span / 8)));
  if (span / step > 16) step *= 5; else if (span / step > 8) step *= 2;
  ctx.fillStyle = "#eceff1"; ctx.fillRect(0, 0, w, RULER_H);
  ctx.fillStyle = "#37474f"; ctx.font = "11px sans-serif";
  for (let t = Math.ceil(view0 / step) * step; t <= view1; t += step) {
    const x = xOf(t);
    ctx.fillRect(x, RULER_H - 6, 1, 6);
    ctx.fillText(fmtTime(t - t0), x + 2, 12);
    ctx.fillStyle = "rgba(0,0,0,0.05)"; ctx.fillRect(x, RULER_H, 1, totalH); ctx.fillStyle = "#37474f";
  }
}

function drawRow(r) {
  const w = width(), t = r.track;
  ctx.globalAlpha = followed(t) || t.pid === CPU_PID ? 1 : 0.25;
  ctx.fillStyle = t.key === follow ? "#fff8e1" : "#fff";
  ctx.fillRect(0, r.y, w, ROW_H - 1);
  for (const s of t.slices) {
    const x0 = Math.max(xOf(s.ts), LABEL_W), x1 = Math.min(xOf(s.ts + s.dur), w);
    if (x1 < LABEL_W || x0 > w) continue;
    ctx.globalAlpha = (followed(t) || t.pid === CPU_PID) && (t.pid !== CPU_PID || ranFollowed(s)) ? 1 : 0.2;
    ctx.fillStyle = colour(s);
    const h = ROW_H - 6 - 4 * s.depth;
    ctx.fillRect(x0, r.y + 3 + 4 * s.depth, Math.max(x1 - x0, MIN_PX), h);
    if (x1 - x0 > 40) {
      ctx.fillStyle = "#111"; ctx.font = "11px sans-serif";
      ctx.save(); ctx.beginPath(); ctx.rect(x0, r.y, x1 - x0, ROW_H); ctx.clip();
      ctx.fillText(s.name, x0 + 3, r.y + 15); ctx.restore();
    }
  }
  ctx.globalAlpha = followed(t) || t.pid === CPU_PID ? 1 : 0.25;
  for (const i of t.instants) {
    const x = xOf(i.ts);
    if (x < LABEL_W || x > w) continue;
    ctx.fillStyle = colour(i);
    ctx.beginPath(); ctx.moveTo(x, r.y + 3); ctx.lineTo(x + 4, r.y + 11); ctx.lineTo(x, r.y + 19);
    ctx.lineTo(x - 4, r.y + 11); ctx.closePath(); ctx.fill();
  }
  ctx.globalAlpha = 1;
}

// Following a thread: a line from the row of whoever woke it to its own,
// at each wakeup (tids are unique, so the tid finds the waker's row).
const rowOfTid = {};
for (const t of tracks.values()) if (t.pid !== CPU_PID) rowOfTid[t.tid] = t;
function drawWakeups() {
  const t = follow && tracks.get(follow);
  if (!t) return;
  ctx.strokeStyle = CAT_COLOURS.block; ctx.lineWidth = 1.5;
  for (const i of t.instants) {
    const by = i.args && rowOfTid[i.args.woken_by], x = xOf(i.ts);
    if (!by || by === t || x < LABEL_W || x > width()) continue;
    ctx.beginPath(); ctx.moveTo(x, by.y + ROW_H / 2); ctx.lineTo(x, t.y + ROW_H / 2); ctx.stroke();
    ctx.beginPath(); ctx.arc(x, by.y + ROW_H / 2, 3, 0, 2 * Math.PI); ctx.fillStyle = CAT_COLOURS.block; ctx.fill();
  }
}

function draw() {
  const w = width();
  ctx.clearRect(0, 0, w, totalH);
  drawRuler();
  for (const r of rows) {
    if (r.group) {
      ctx.fillStyle = "#cfd8dc"; ctx.fillRect(0, r.y, w, GROUP_H);
      ctx.fillStyle = "#263238"; ctx.font = "bold 12px sans-serif"; ctx.fillText(r.name, 6, r.y + 13);
      continue;
    }
    drawRow(r);
    ctx.fillStyle = r.track.key === follow ? "#ffe082" : "#f5f5f5";
    ctx.fillRect(0, r.y, LABEL_W, ROW_H - 1);
    ctx.fillStyle = "#222"; ctx.font = "12px sans-serif"; ctx.fillText(r.track.name, 16, r.y + 15);
  }
  drawWakeups();
}

function rowAt(yy) { return rows.find(r => !r.group && yy >= r.y && yy < r.y + ROW_H); }
function itemAt(x, yy) {
  const r = rowAt(yy);
  if (!r || x < LABEL_W) return {row: r};
  const t = tOf(x), slop = 4 * (view1 - view0) / (width() - LABEL_W);
  let best = null;
  for (const i of r.track.instants)
    if (Math.abs(i.ts - t) <= slop && (!best || Math.abs(i.ts - t) < Math.abs(best.ts - t))) best = i;
  if (best) return {row: r, item: best};
  let hit = null;
  for (const s of r.track.slices)
    if (t >= s.ts - slop / 4 && t <= s.ts + s.dur + slop / 4 && (!hit || s.depth > hit.depth)) hit = s;
  return {row: r, item: hit};
}
function describe(r, i) {
  let s = i.name + "\n" + r.track.name + "  (" + (procName[r.track.pid] || r.track.pid) + ")\nat " + fmtTime(i.ts - t0);
  if (i.dur !== undefined) s += "  for " + fmtTime(i.dur);
  for (const [k, v] of Object.entries(i.args || {})) s += "\n  " + k + ": " + JSON.stringify(v);
  return s;
}
function setFollow(key) {
  follow = key; pick.value = key || "";
  document.getElementById("following").textContent = key ? "following " + tracks.get(key).name : "";
  draw();
}

canvas.addEventListener("mousemove", ev => {
  const b = canvas.getBoundingClientRect(), x = ev.clientX - b.left, yy = ev.clientY - b.top;
  if (dragging) {
    const dt = (dragging.x - x) / (width() - LABEL_W) * (dragging.v1 - dragging.v0);
    view0 = dragging.v0 + dt; view1 = dragging.v1 + dt; draw(); return;
  }
  const hit = itemAt(x, yy);
  if (hit.item) {
    tip.textContent = describe(hit.row, hit.item); tip.style.display = "block";
    tip.style.left = Math.min(ev.clientX + 12, window.innerWidth - tip.offsetWidth - 4) + "px";
    tip.style.top = (ev.clientY + 14) + "px";
  } else tip.style.display = "none";
});
canvas.addEventListener("mousedown", ev => {
  const b = canvas.getBoundingClientRect();
  dragging = {x: ev.clientX - b.left, v0: view0, v1: view1, moved: false, y: ev.clientY - b.top};
});
window.addEventListener("mouseup", ev => {
  if (dragging && Math.abs(ev.clientX - canvas.getBoundingClientRect().left - dragging.x) < 3) {
    const r = rowAt(dragging.y);
    if (r) setFollow(r.track.key === follow ? null : r.track.key);
  }
  dragging = null;
});
canvas.addEventListener("mouseleave", () => { tip.style.display = "none"; });
function zoom(factor, at) {
  const span = (view1 - view0) * factor, t = at === undefined ? (view0 + view1) / 2 : at;
  const f = (t - view0) / (view1 - view0);
  view0 = t - f * span; view1 = view0 + span; draw();
}
canvas.addEventListener("wheel", ev => {
  ev.preventDefault();
  const b = canvas.getBoundingClientRect();
  zoom(ev.deltaY > 0 ? 1.25 : 0.8, tOf(Math.max(ev.clientX - b.left, LABEL_W)));
}, {passive: false});
canvas.addEventListener("dblclick", () => { view0 = t0; view1 = t1; draw(); });
window.addEventListener("keydown", ev => {
  const pan = (view1 - view0) * 0.2;
  if (ev.key === "+" || ev.key === "=") zoom(0.8);
  else if (ev.key === "-") zoom(1.25);
  else if (ev.key === "0") { view0 = t0; view1 = t1; draw(); }
  else if (ev.key === "ArrowLeft") { view0 -= pan; view1 -= pan; draw(); }
  else if (ev.key === "ArrowRight") { view0 += pan; view1 += pan; draw(); }
  else if (ev.key === "Escape") setFollow(null);
});
for (const r of rows) {
  if (r.group || r.track.pid === CPU_PID) continue;
  const o = document.createElement("option");
  o.value = r.track.key; o.textContent = r.track.name + " - " + (procName[r.track.pid] || r.track.pid);
  pick.appendChild(o);
}
pick.addEventListener("change", () => setFollow(pick.value || null));
document.getElementById("fit").addEventListener("click", () => { view0 = t0; view1 = t1; draw(); });
window.addEventListener("resize", resize);
// #view=FROM,TO (microseconds from the start) and #follow=PID:TID open the
// page zoomed and following, e.g. for a picture.
for (const part of location.hash.slice(1).split("&")) {
  const [k, v] = part.split("=");
  if (k === "view" && v) { const [a, b] = v.split(",").map(Number); if (b > a) { view0 = t0 + a; view1 = t0 + b; } }
  if (k === "follow" && tracks.has(v)) { follow = v; }
}
resize();
if (follow) setFollow(follow);
const list = document.getElementById("tracks");
for (const r of rows) {
  const li = document.createElement("li");
  li.className = r.group ? "group" : "track";
  li.textContent = r.group ? r.name
    : r.track.name + " (" + r.track.slices.length + " slices, " + r.track.instants.length + " instants)";
  list.appendChild(li);
}
const dropped = (DATA.otherData && DATA.otherData.dropped) || 0;
document.getElementById("status").textContent = "rendered " + (rows.length - pids.length) + " tracks in " + pids.length +
  " groups, " + nslices + " slices, " + ninstants + " instants over " + fmtTime(t1 - t0) +
  (dropped ? "; " + dropped + " events dropped" : "; no events dropped");
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
</body></html>
"""


def render(chrome, title):
    """The page for a Chrome trace dict (as to_chrome.convert makes it)."""
    data = json.dumps(chrome, separators=(",", ":")).replace("</", "<\\/")
    return PAGE % {"title": html.escape(title), "style": STYLE, "script": SCRIPT, "data": data,
                   "cpu_pid": CPU_PID}


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
