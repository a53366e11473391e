// playground.js - boots the Pebbles-x86 kernel in v86 in this page.
//
// v86 loads kernel.elf as a Multiboot kernel with initrd.cpio (the RAM disk)
// as its module and a kernel command line: "" boots the shell, and the
// picker's "init=<prog> <args>" runs one program as init (kern/main.c),
// which halts the machine when it exits.  Every file comes from this
// folder: the page works offline.
//
// The screen is v86's VGA text screen, with its PS/2 keyboard.  The serial
// line (COM1) carries a copy of everything the console prints and the
// kernel log (lprintf, the heartbeat), which goes to the serial line only:
// so a finished serial line that is not on the screen right then is a
// kernel log line.  The kernel writes a console line to the screen before
// the serial port (kern/dev/console.c), so reading VGA memory when its
// newline arrives tells the two apart.
//
// v86 boots a Multiboot kernel with no BIOS, so nothing sets a video mode:
// the kernel sets the VGA's text memory layout itself (kern/dev/vga.c).
//
// With "trace" ticked, Boot puts trace=<categories> on the command line
// and the trace panel (trace_panel.mjs) draws what the kernel sends on
// port 0xE9 as it runs.
//
// One emulator at a time: Boot and Reset destroy it and start a new one.
import { V86 } from "./libv86.mjs";
import { createTracePanel } from "./trace_panel.mjs";

const COLS = 80;
const ROWS = 25;
const MEMORY_MIB = 256;
const EXIT_LINE = /^Test exited with code 0x([0-9a-f]+)/i;

const $ = (id) => document.getElementById(id);
let emulator = null;
let files = null; // { kernel, initrd, index }
let tracePanel = null;
let halted = false; // the kernel stopped this emulator through port 0xf4
let cmdline = "";
let serialLine = "";

function setStatus(text, stopped = false) {
    $("status").textContent = text;
    $("status").classList.toggle("stopped", stopped);
}

async function fetchBuffer(name) {
    const r = await fetch(name);
    if (!r.ok) throw new Error(name + ": " + r.status);
    return r.arrayBuffer();
}

// The file names in a cpio "newc" archive whose data starts like an ELF
// file: the programs init can run, outside ones (EXTRA_PROGS) included.
function cpioPrograms(buf) {
    const bytes = new Uint8Array(buf);
    const ascii = (at, n) => String.fromCharCode(...bytes.subarray(at, at + n));
    const hex = (at) => parseInt(ascii(at, 8), 16);
    const pad4 = (n) => (n + 3) & ~3;
    const names = [];
    for (let at = 0; at + 110 <= bytes.length && ascii(at, 6) === "070701";) {
        const size = hex(at + 54);
        const namesize = hex(at + 94);
        const name = ascii(at + 110, namesize - 1);
        const data = pad4(at + 110 + namesize);
        if (name === "TRAILER!!!") break;
        if (size >= 4 && ascii(data, 4) === "\x7fELF") names.push(name.replace(/^\.?\//, ""));
        at = pad4(data + size);
    }
    return names;
}

// The picker: the shell first, then the programs with their usage lines
// (programs.txt, tools/mkindex.sh), the tests, and any other program of
// the RAM disk.
function fillPicker(index, programs) {
    const select = $("program");
    const group = (label) => {
        const g = document.createElement("optgroup");
        g.label = label;
        select.append(g);
        return g;
    };
    const option = (parent, value, text) => {
        const o = document.createElement("option");
        o.value = value;
        o.textContent = text;
        parent.append(o);
    };
    option(select, "", "the shell (init with no program)");
    const listed = new Set(["init"]);
    const progs = group("programs");
    const tests = group("tests (judged by END__SUCCESS in the kernel log)");
    for (const line of index.split("\n")) {
        const [kind, name, args, what] = line.split("\t");
        if (!name || listed.has(name) || !programs.includes(name)) continue;
        listed.add(name);
        if (kind === "p") option(progs, name, name + (args ? " " + args : "") + " - " + what);
        else option(tests, name, name);
    }
    const rest = programs.filter((p) => !listed.has(p));
    if (rest.length) {
        const other = group("other programs");
        for (const p of rest) option(other, p, p);
    }
}

// The screen's text, as 25 rows of 80 characters, read from the VGA's own
// memory (character, attribute, ... in text mode): v86 keeps it apart from
// the guest's RAM, so read_memory(0xB8000) would not see it.  A v86
// internal (emulator.v86.cpu.devices.vga) of the pinned version; the
// others are the port table (trace_panel.mjs) and the bus (boot).
function screenRows() {
    const mem = emulator.v86?.cpu?.devices?.vga?.vga_memory;
    if (!mem) return null; // another v86: no kernel log pane, nothing else lost
    const rows = [];
    for (let r = 0; r < ROWS; r++) {
        let s = "";
        for (let c = 0; c < COLS; c++) s += String.fromCharCode(mem[(r * COLS + c) * 2] || 32);
        rows.push(s);
    }
    return rows;
}

// Is `line` on the screen: starting a row, and the rest of the last row
// it wraps onto blank?
function onScreen(line) {
    const rows = screenRows();
    if (!rows) return true;
    const screen = rows.join("");
    const span = Math.ceil(line.length / COLS) * COLS;
    for (let r = 0; r * COLS + span <= screen.length; r++) {
        const cells = screen.substr(r * COLS, span);
        if (cells.startsWith(line) && cells.slice(line.length).trim() === "") return true;
    }
    return false;
}

// A line as a terminal shows it: backspaces take back a character.
function typed(line) {
    let out = "";
    for (const ch of line) out = ch === "\b" ? out.slice(0, -1) : out + ch;
    return out;
}

// Text for the two panes, put on the page once a frame (a byte at a time
// would be one DOM change per byte).
const unshown = new Map();
function append(pre, text) {
    if (unshown.size === 0) requestAnimationFrame(show);
    unshown.set(pre, (unshown.get(pre) || "") + text);
}
function show() {
    for (const [pre, text] of unshown) {
        const follow = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
        pre.append(text);
        if (follow) pre.scrollTop = pre.scrollHeight;
    }
    unshown.clear();
}

function serialByte(byte) {
    const ch = String.fromCharCode(byte);
    append($("serial"), ch);
    if (ch !== "\n") {
        serialLine += ch;
        return;
    }
    const line = typed(serialLine).trimEnd();
    serialLine = "";
    if (line.trim() !== "" && !onScreen(line)) append($("klog"), line + "\n");
}

// v86's test-exit device (port 0xf4, QEMU's isa-debug-exit) logs the code
// and stops the emulator by throwing "HALT" out of its loop.
const consoleLog = console.log.bind(console);
console.log = (...args) => {
    const m = EXIT_LINE.exec(String(args[0]));
    if (m) {
        halted = true;
        setStatus("stopped: the kernel halted the machine (exit code " + parseInt(m[1], 16) + ")", true);
        tracePanel?.flush();
    }
    consoleLog(...args);
};
window.addEventListener("error", (e) => {
    if (e.error === "HALT" || /HALT/.test(e.message)) e.preventDefault();
});

// A halted v86 never says "emulator-stopped" (its loop ended by throwing),
// so destroy(), which waits for that, would wait forever: say it for it,
// on the bus its CPU speaks on (a v86 internal of the pinned version).
async function boot(line) {
    if (emulator && halted) emulator.emulator_bus.send("emulator-stopped");
    if (emulator) await emulator.destroy();
    halted = false;
    cmdline = line;
    serialLine = "";
    unshown.clear();
    $("serial").textContent = "";
    $("klog").textContent = "";
    $("cmdline").textContent = line || "(empty: init runs the shell)";
    setStatus("booting");
    emulator = new V86({
        wasm_path: "v86.wasm",
        memory_size: MEMORY_MIB * 1024 * 1024,
        multiboot: { buffer: files.kernel },
        initrd: { buffer: files.initrd },
        cmdline: line,
        screen_container: $("screen_container"),
        autostart: true,
        disable_mouse: true,
        disable_speaker: true,
    });
    tracePanel.attach(emulator, /(^| )trace=/.test(line));
    emulator.add_listener("emulator-started", () => setStatus("running"));

    emulator.add_listener("serial0-output-byte", serialByte);
}

// trace= goes first: init= takes the rest of the line as the program's.
function pickedCmdline() {
    const prog = $("program").value;
    const args = $("args").value.trim();
    const cats = $("trace-cats").value.trim() || "all";
    const trace = $("trace-on").checked ? "trace=" + cats : "";
    const init = prog ? ("init=" + prog + " " + args).trim() : "";
    return [trace, init].filter(Boolean).join(" ");
}

function makeTracePanel(fmt) {
    const el = (name) => $("trace-" + name);
    return createTracePanel(fmt, {
        wrap: el("wrap"), canvas: el("canvas"), tip: el("tip"), pick: el("follow"), fit: el("fit"),
        following: el("following"), status: el("status"), tracks: el("tracks"), keys: el("wrap"),
        stop: el("stop"), raw: el("raw"),
    });
}

async function main() {
    const [kernel, initrd, index, format] = await Promise.all([
        fetchBuffer("kernel.elf"),
        fetchBuffer("initrd.cpio"),
        fetch("programs.txt").then((r) => (r.ok ? r.text() : "")),
        fetch("trace-format.json").then((r) => r.json()),
    ]);
    files = { kernel, initrd, index };
    tracePanel = makeTracePanel(format);
    window.pebblesTrace = tracePanel; // for the test: where an item is drawn
    fillPicker(index, cpioPrograms(initrd));
    $("picker").addEventListener("submit", (e) => {
        e.preventDefault();
        boot(pickedCmdline());
    });
    $("reset").addEventListener("click", () => boot(cmdline));
    $("serial-form").addEventListener("submit", (e) => {
        e.preventDefault();
        const text = $("serial-input").value + "\r";
        emulator.serial_send_bytes(0, new TextEncoder().encode(text));
        $("serial-input").value = "";
    });
    // ?init=<prog>+<args> boots that program first (a link to share);
    // &trace=<categories> traces it.
    const query = new URLSearchParams(location.search);
    const init = query.get("init");
    const trace = query.get("trace");
    await boot([trace ? "trace=" + trace : "", init ? "init=" + init : ""].filter(Boolean).join(" "));
}

main().catch((e) => setStatus("failed: " + e.message, true));
