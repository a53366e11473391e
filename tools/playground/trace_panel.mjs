// trace_panel.mjs - the playground's live trace panel: the bytes the kernel
// writes to port 0xE9 (QEMU's debugcon; kern/trace/, docs/tracing.md),
// caught in v86, decoded and drawn as the timeline while the system runs.
//
// v86 has no debugcon: it registers a write handler on port 0xE9 that drops
// the byte.  attach() replaces it with one that keeps the byte, on
// "emulator-ready" (the CPU and its ports exist, nothing has run yet), so
// the first record of a boot with trace= is caught too.  The port table
// (emulator.v86.cpu.io) is a v86 internal of the pinned version; with a
// v86 that lacks it the machine boots and the panel says it has no trace.
//
// The stream is kept whole (a Uint8Array that doubles), and at most every
// REDRAW_MS, when bytes came, decoded and converted from the start
// (trace_chrome.mjs: decode.py and to_chrome.py in JavaScript) and handed
// to the timeline (timeline.js, the standalone page's renderer).  Stop
// stops keeping bytes (the machine runs on) and leaves the timeline as it
// was then.  Invariant: only the emulator of the latest attach() adds
// bytes: a destroyed one's handler finds its session gone.
import { convert, decode } from "./trace_chrome.mjs";

const DEBUGCON_PORT = 0xe9;
const REDRAW_MS = 500;

export function createTracePanel(fmt, els) {
    const timeline = PebblesTimeline.create(els, fmt.cpu_pid);
    let session = null; // { bytes, length, recording, dirty, timer }

    function document() {
        return convert(decode(session.bytes.subarray(0, session.length), fmt), fmt);
    }

    function redraw() {
        if (!session || !session.dirty) return;
        session.dirty = false;
        timeline.load(document());
    }

    function keep(s, byte) {
        if (s !== session || !s.recording) return;
        if (s.length === s.bytes.length) {
            const grown = new Uint8Array(s.bytes.length * 2);
            grown.set(s.bytes);
            s.bytes = grown;
        }
        s.bytes[s.length++] = byte;
        s.dirty = true;
    }

    // A new machine: with tracing, its port 0xE9 feeds a fresh session;
    // without, the panel is cleared and says so.
    function attach(emulator, tracing) {
        stop();
        session = null;
        timeline.load({ traceEvents: [] });
        els.stop.disabled = els.raw.disabled = !tracing;
        if (!tracing) {
            els.status.textContent = "no trace: boot with trace ticked";
            return;
        }
        const s = { bytes: new Uint8Array(1 << 16), length: 0, recording: true, dirty: false, timer: null };
        session = s;
        els.status.textContent = "waiting for the kernel's first record";
        emulator.add_listener("emulator-ready", () => {
            const io = emulator.v86?.cpu?.io;
            if (!io) {
                els.status.textContent = "this v86 has no port table to catch port 0xE9 on: no trace";
                return;
            }
            io.register_write(DEBUGCON_PORT, { name: "debugcon (trace)" }, (byte) => keep(s, byte));
        });
        s.timer = setInterval(redraw, REDRAW_MS);
    }

    // Stops keeping bytes; the timeline shows everything up to now.
    function stop() {
        if (!session || !session.recording) return;
        session.recording = false;
        clearInterval(session.timer);
        session.dirty = true;
        redraw();
    }

    function save(name, blob) {
        const a = window.document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    }

    els.stop.addEventListener("click", () => {
        stop();
        save("pebbles-trace.json", new Blob([JSON.stringify(document())], { type: "application/json" }));
    });
    els.raw.addEventListener("click", () => {
        save("pebbles-trace.trace", new Blob([session.bytes.subarray(0, session.length)],
            { type: "application/octet-stream" }));
    });

    // The machine stopped (halt): draw the last bytes now.
    function flush() {
        if (session) session.dirty = true;
        redraw();
    }

    return { attach, flush, locate: timeline.locate };
}
