// timeline.js - the trace timeline: a Chrome Trace Event document drawn on a
// canvas, one row per thread grouped by task, with the CPUs first.  Shared
// by the standalone page (tools/trace/to_html.py inlines this file, so that
// page stays self-contained) and the playground's live panel
// (tools/playground/playground.js loads it next to the page).
//
// What a person can do with it (docs/tracing.md):
//   - zoom with the mouse wheel (around the pointer) or + and -, pan by
//     dragging or with the arrow keys, 0 or a double click to see it all;
//   - hover over a slice or an instant to see what it was (name, time,
//     duration, arguments);
//   - click a thread (its name, or anything on its row; or pick it in the
//     list) to follow it: its row and the stretches it ran on a CPU stay
//     bright, everything else dims, and a line joins each of its wakeups
//     to the row of the thread that woke it; Escape stops following.
// After drawing, the timeline writes what it drew into the status element
// and lists its rows in the tracks list, so a headless browser's DOM shows
// that it rendered.
//
// PebblesTimeline.create(els, cpuPid) takes the page's elements
// {wrap, canvas, tip, pick, fit, following, status, tracks, keys} (keys:
// where key presses are heard) and returns {load, openAt, locate}: load(doc)
// draws a document, again and again for a live trace (a view zoomed by
// hand and the thread followed are kept; an unzoomed view grows with the
// trace).  State lives in the closure; nothing is global but the factory.
"use strict";
const PebblesTimeline = (() => {
    const LABEL_W = 230, RULER_H = 24, ROW_H = 22, GROUP_H = 18, MIN_PX = 1;
    const CAT_COLOURS = { fault: "#d32f2f", block: "#ef6c00", proc: "#6a1b9a", mem: "#00897b",
        mark: "#000000", irq: "#78909c", sched: "#546e7a", trace: "#b71c1c" };

    function hue(s) {
        let h = 0;
        for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
        return h % 360;
    }
    function colour(item) {
        if (item.cat === "syscall") return "hsl(" + hue(item.name) + ",55%,62%)";
        if (item.cat === "sched" && item.args && item.args.tid !== undefined)
            return "hsl(" + hue("t" + item.args.tid * 7919) + ",45%,55%)";
        return CAT_COLOURS[item.cat] || "#888";
    }
    function fmtTime(us) {
        const a = Math.abs(us);
        if (a >= 1000) return (us / 1000).toFixed(a >= 10000 ? 1 : 3) + " ms";
        if (a >= 1) return us.toFixed(a >= 100 ? 0 : 2) + " µs";
        return (us * 1000).toFixed(0) + " ns";
    }

    // A ruler label: as many decimals as the step between labels needs, so
    // that neighbours never read the same (a trace far from its start).
    function fmtTick(us, step) {
        const decimals = (unit) => Math.min(Math.max(Math.ceil(-Math.log10(step / unit) - 1e-9), 0), 6);
        if (Math.abs(us) >= 1000) return (us / 1000).toFixed(decimals(1000)) + " ms";
        if (step >= 1 || Math.abs(us) >= 1) return us.toFixed(decimals(1)) + " µs";
        return (us * 1000).toFixed(0) + " ns";
    }

    // The rows of a document: tracks by "pid:tid" with their slices (B/E
    // pairs and X) and instants, grouped by pid (sort index, then pid).
    function model(doc) {
        const ev = doc.traceEvents;
        const procName = {}, threadName = {}, sortIndex = {};
        for (const e of ev) {
            if (e.ph !== "M") continue;
            if (e.name === "process_name") procName[e.pid] = e.args.name;
            if (e.name === "thread_name") threadName[e.pid + ":" + e.tid] = e.args.name;
            if (e.name === "process_sort_index") sortIndex[e.pid] = e.args.sort_index;
        }
        const tracks = new Map();
        const track = (pid, tid) => {
            const k = pid + ":" + tid;
            if (!tracks.has(k))
                tracks.set(k, { key: k, pid, tid, name: threadName[k] || ("thread " + tid),
                    slices: [], instants: [], open: [] });
            return tracks.get(k);
        };
        let t0 = Infinity, t1 = -Infinity, nslices = 0, ninstants = 0;
        for (const e of ev) {
            if (e.ph === "M") continue;
            const t = track(e.pid, e.tid);
            t0 = Math.min(t0, e.ts);
            t1 = Math.max(t1, e.ts + (e.dur || 0));
            if (e.ph === "X") {
                t.slices.push({ ts: e.ts, dur: e.dur, name: e.name, cat: e.cat, args: e.args, depth: 0 });
                nslices++;
            } else if (e.ph === "B") {
                t.open.push(e);
            } else if (e.ph === "E") {
                const b = t.open.pop();
                if (b) {
                    t.slices.push({ ts: b.ts, dur: e.ts - b.ts, name: b.name, cat: b.cat,
                        args: Object.assign({}, b.args, e.args), depth: t.open.length });
                    nslices++;
                }
            } else if (e.ph === "i") {
                t.instants.push({ ts: e.ts, name: e.name, cat: e.cat, args: e.args });
                ninstants++;
            }
        }
        if (!isFinite(t0)) { t0 = 0; t1 = 1; }
        if (t1 <= t0) t1 = t0 + 1;
        const pids = [...new Set([...tracks.values()].map((t) => t.pid))]
            .sort((a, b) => ((sortIndex[a] || 0) - (sortIndex[b] || 0)) || (a - b));
        const rows = [];
        let y = RULER_H;
        for (const pid of pids) {
            rows.push({ group: true, pid, name: procName[pid] || ("pid " + pid), y });
            y += GROUP_H;
            for (const t of [...tracks.values()].filter((t) => t.pid === pid).sort((a, b) => a.tid - b.tid)) {
                t.slices.sort((a, b) => a.ts - b.ts);
                rows.push({ group: false, track: t, y });
                t.y = y;
                y += ROW_H;
            }
        }
        const dropped = (doc.otherData && doc.otherData.dropped) || 0;
        return { procName, tracks, rows, pids, t0, t1, nslices, ninstants, dropped, totalH: y + 8 };
    }

    function create(els, CPU_PID) {
        const canvas = els.canvas, ctx = canvas.getContext("2d"), tip = els.tip, pick = els.pick;
        let m = model({ traceEvents: [] });
        let view0 = m.t0, view1 = m.t1, zoomed = false, follow = null, dragging = null;
        let rowOfTid = {};

        function width() { return canvas.width / devicePixelRatio; }
        function xOf(t) { return LABEL_W + (t - view0) / (view1 - view0) * (width() - LABEL_W); }
        function tOf(x) { return view0 + (x - LABEL_W) / (width() - LABEL_W) * (view1 - view0); }
        function followed(t) { return !follow || t.key === follow; }
        function ranFollowed(s) { return !follow || (s.args && (s.args.task + ":" + s.args.tid) === follow); }

        function resize() {
            const w = els.wrap.clientWidth;
            canvas.width = w * devicePixelRatio;
            canvas.height = m.totalH * devicePixelRatio;
            canvas.style.width = w + "px";
            canvas.style.height = m.totalH + "px";
            ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
            draw();
        }

        function drawRuler() {
            const w = width(), span = view1 - view0;
            let step = Math.pow(10, Math.floor(Math.log10(span / 8)));
            if (span / step > 16) step *= 5; else if (span / step > 8) step *= 2;
            ctx.fillStyle = "#eceff1";
            ctx.fillRect(0, 0, w, RULER_H);
            ctx.fillStyle = "#37474f";
            ctx.font = "11px sans-serif";
            for (let t = Math.ceil(view0 / step) * step; t <= view1; t += step) {
                const x = xOf(t);
                ctx.fillRect(x, RULER_H - 6, 1, 6);
                ctx.fillText(fmtTick(t - m.t0, step), x + 2, 12);
                ctx.fillStyle = "rgba(0,0,0,0.05)";
                ctx.fillRect(x, RULER_H, 1, m.totalH);
                ctx.fillStyle = "#37474f";
            }
        }

        function drawRow(r) {
            const w = width(), t = r.track, bright = followed(t) || t.pid === CPU_PID;
            ctx.globalAlpha = bright ? 1 : 0.25;
            ctx.fillStyle = t.key === follow ? "#fff8e1" : "#fff";
            ctx.fillRect(0, r.y, w, ROW_H - 1);
            for (const s of t.slices) {
                const x0 = Math.max(xOf(s.ts), LABEL_W), x1 = Math.min(xOf(s.ts + s.dur), w);
                if (x1 < LABEL_W || x0 > w) continue;
                ctx.globalAlpha = bright && (t.pid !== CPU_PID || ranFollowed(s)) ? 1 : 0.2;
                ctx.fillStyle = colour(s);
                const h = ROW_H - 6 - 4 * s.depth;
                ctx.fillRect(x0, r.y + 3 + 4 * s.depth, Math.max(x1 - x0, MIN_PX), h);
                if (x1 - x0 > 40) {
                    ctx.fillStyle = "#111";
                    ctx.font = "11px sans-serif";
                    ctx.save();
                    ctx.beginPath();
                    ctx.rect(x0, r.y, x1 - x0, ROW_H);
                    ctx.clip();
                    ctx.fillText(s.name, x0 + 3, r.y + 15);
                    ctx.restore();
                }
            }
            ctx.globalAlpha = bright ? 1 : 0.25;
            for (const i of t.instants) {
                const x = xOf(i.ts);
                if (x < LABEL_W || x > w) continue;
                ctx.fillStyle = colour(i);
                ctx.beginPath();
                ctx.moveTo(x, r.y + 3);
                ctx.lineTo(x + 4, r.y + 11);
                ctx.lineTo(x, r.y + 19);
                ctx.lineTo(x - 4, r.y + 11);
                ctx.closePath();
                ctx.fill();
            }
            ctx.globalAlpha = 1;
        }

        // Following a thread: a line from the row of whoever woke it to its
        // own, at each wakeup (tids are unique, so the tid finds the row).
        function drawWakeups() {
            const t = follow && m.tracks.get(follow);
            if (!t) return;
            ctx.strokeStyle = CAT_COLOURS.block;
            ctx.lineWidth = 1.5;
            for (const i of t.instants) {
                const by = i.args && rowOfTid[i.args.woken_by], x = xOf(i.ts);
                if (!by || by === t || x < LABEL_W || x > width()) continue;
                ctx.beginPath();
                ctx.moveTo(x, by.y + ROW_H / 2);
                ctx.lineTo(x, t.y + ROW_H / 2);
                ctx.stroke();
                ctx.beginPath();
                ctx.arc(x, by.y + ROW_H / 2, 3, 0, 2 * Math.PI);
                ctx.fillStyle = CAT_COLOURS.block;
                ctx.fill();
            }
        }

        function draw() {
            const w = width();
            ctx.clearRect(0, 0, w, m.totalH);
            drawRuler();
            for (const r of m.rows) {
                if (r.group) {
                    ctx.fillStyle = "#cfd8dc";
                    ctx.fillRect(0, r.y, w, GROUP_H);
                    ctx.fillStyle = "#263238";
                    ctx.font = "bold 12px sans-serif";
                    ctx.fillText(r.name, 6, r.y + 13);
                    continue;
                }
                drawRow(r);
                ctx.fillStyle = r.track.key === follow ? "#ffe082" : "#f5f5f5";
                ctx.fillRect(0, r.y, LABEL_W, ROW_H - 1);
                ctx.fillStyle = "#222";
                ctx.font = "12px sans-serif";
                ctx.fillText(r.track.name, 16, r.y + 15);
            }
            drawWakeups();
        }

        function rowAt(yy) { return m.rows.find((r) => !r.group && yy >= r.y && yy < r.y + ROW_H); }
        // What the pointer is on: the instants nearest it (all of them when
        // several share a time: no zoom can part those), else the deepest
        // slice.
        function itemAt(x, yy) {
            const r = rowAt(yy);
            if (!r || x < LABEL_W) return { row: r, items: [] };
            const t = tOf(x), slop = 4 * (view1 - view0) / (width() - LABEL_W);
            let best = null;
            for (const i of r.track.instants)
                if (Math.abs(i.ts - t) <= slop && (!best || Math.abs(i.ts - t) < Math.abs(best.ts - t))) best = i;
            if (best) return { row: r, items: r.track.instants.filter((i) => i.ts === best.ts) };
            let hit = null;
            for (const s of r.track.slices)
                if (t >= s.ts - slop / 4 && t <= s.ts + s.dur + slop / 4 && (!hit || s.depth > hit.depth)) hit = s;
            return { row: r, items: hit ? [hit] : [] };
        }
        function describe(r, i) {
            let s = i.name + "\n" + r.track.name + "  (" + (m.procName[r.track.pid] || r.track.pid) + ")\nat " +
                fmtTime(i.ts - m.t0);
            if (i.dur !== undefined) s += "  for " + fmtTime(i.dur);
            for (const [k, v] of Object.entries(i.args || {})) s += "\n  " + k + ": " + JSON.stringify(v);
            return s;
        }
        function setFollow(key) {
            follow = key && m.tracks.has(key) ? key : null;
            pick.value = follow || "";
            els.following.textContent = follow ? "following " + m.tracks.get(follow).name : "";
            draw();
        }
        function setView(a, b, byHand) {
            view0 = a;
            view1 = b;
            zoomed = byHand;
            draw();
        }
        function fit() { setView(m.t0, m.t1, false); }
        function zoom(factor, at) {
            const span = (view1 - view0) * factor, t = at === undefined ? (view0 + view1) / 2 : at;
            const f = (t - view0) / (view1 - view0);
            setView(t - f * span, t - f * span + span, true);
        }

        canvas.addEventListener("mousemove", (ev) => {
            const b = canvas.getBoundingClientRect(), x = ev.clientX - b.left, yy = ev.clientY - b.top;
            if (dragging && Math.abs(dragging.x - x) >= 3) {
                const dt = (dragging.x - x) / (width() - LABEL_W) * (dragging.v1 - dragging.v0);
                setView(dragging.v0 + dt, dragging.v1 + dt, true);
                return;
            }
            const hit = itemAt(x, yy);
            if (hit.items.length) {
                tip.textContent = hit.items.map((i) => describe(hit.row, i)).join("\n\n");
                tip.style.display = "block";
                tip.style.left = Math.min(ev.clientX + 12, window.innerWidth - tip.offsetWidth - 4) + "px";
                tip.style.top = Math.min(ev.clientY + 14, window.innerHeight - tip.offsetHeight - 4) + "px";
            } else {
                tip.style.display = "none";
            }
        });
        canvas.addEventListener("mousedown", (ev) => {
            const b = canvas.getBoundingClientRect();
            dragging = { x: ev.clientX - b.left, v0: view0, v1: view1, y: ev.clientY - b.top };
        });
        window.addEventListener("mouseup", (ev) => {
            if (dragging && Math.abs(ev.clientX - canvas.getBoundingClientRect().left - dragging.x) < 3) {
                const r = rowAt(dragging.y);
                if (r) setFollow(r.track.key === follow ? null : r.track.key);
            }
            dragging = null;
        });
        canvas.addEventListener("mouseleave", () => { tip.style.display = "none"; });
        canvas.addEventListener("wheel", (ev) => {
            ev.preventDefault();
            const b = canvas.getBoundingClientRect();
            zoom(ev.deltaY > 0 ? 1.25 : 0.8, tOf(Math.max(ev.clientX - b.left, LABEL_W)));
        }, { passive: false });
        canvas.addEventListener("dblclick", fit);
        els.keys.addEventListener("keydown", (ev) => {
            const pan = (view1 - view0) * 0.2;
            if (ev.key === "+" || ev.key === "=") zoom(0.8);
            else if (ev.key === "-") zoom(1.25);
            else if (ev.key === "0") fit();
            else if (ev.key === "ArrowLeft") setView(view0 - pan, view1 - pan, true);
            else if (ev.key === "ArrowRight") setView(view0 + pan, view1 + pan, true);
            else if (ev.key === "Escape") setFollow(null);
            else return;
            ev.preventDefault();
        });
        pick.addEventListener("change", () => setFollow(pick.value || null));
        els.fit.addEventListener("click", fit);
        window.addEventListener("resize", resize);

        function listRows() {
            while (pick.options.length > 1) pick.remove(1);
            els.tracks.textContent = "";
            for (const r of m.rows) {
                const li = document.createElement("li");
                li.className = r.group ? "group" : "track";
                li.textContent = r.group ? r.name
                    : r.track.name + " (" + r.track.slices.length + " slices, " + r.track.instants.length + " instants)";
                els.tracks.appendChild(li);
                if (r.group || r.track.pid === CPU_PID) continue;
                const o = document.createElement("option");
                o.value = r.track.key;
                o.textContent = r.track.name + " - " + (m.procName[r.track.pid] || r.track.pid);
                pick.appendChild(o);
            }
        }

        function load(doc) {
            m = model(doc);
            rowOfTid = {};
            for (const t of m.tracks.values()) if (t.pid !== CPU_PID) rowOfTid[t.tid] = t;
            if (!zoomed) { view0 = m.t0; view1 = m.t1; }
            listRows();
            resize();
            setFollow(follow);
            els.status.textContent = "rendered " + (m.rows.length - m.pids.length) + " tracks in " + m.pids.length +
                " groups, " + m.nslices + " slices, " + m.ninstants + " instants over " + fmtTime(m.t1 - m.t0) +
                (m.dropped ? "; " + m.dropped + " events dropped" : "; no events dropped");
        }

        // "view=FROM,TO" (microseconds from the start) and "follow=PID:TID",
        // joined by "&" (a page's #hash): open zoomed in and following.
        function openAt(spec) {
            for (const part of spec.split("&")) {
                const [k, v] = part.split("=");
                if (k === "view" && v) {
                    const [a, b] = v.split(",").map(Number);
                    if (b > a) setView(m.t0 + a, m.t0 + b, true);
                }
                if (k === "follow") setFollow(v);
            }
        }

        // Where on the canvas (CSS pixels) the pointer shows the first item
        // of a row that `pred(item, track)` accepts, zooming in around it
        // (as a person would) while neighbours hide it; null if none does.
        // For tests.
        function locate(pred) {
            for (const t of m.tracks.values()) {
                for (const i of t.instants.concat(t.slices)) {
                    if (!pred(i, t)) continue;
                    for (let tries = 0; tries < 40; tries++) {
                        const at = reach(i, t.y + ROW_H / 2);
                        if (at) return at;
                        zoom(0.5, i.ts + (i.dur || 0) / 2);
                    }
                }
            }
            return null;
        }
        function reach(i, y) {
            const from = Math.max(Math.floor(xOf(i.ts)) - 4, LABEL_W);
            const to = Math.min(Math.ceil(xOf(i.ts + (i.dur || 0))) + 4, width());
            for (let x = from; x <= to; x++) if (itemAt(x, y).items.includes(i)) return { x, y };
            return null;
        }

        return { load, openAt, locate };
    }

    return { create };
})();
