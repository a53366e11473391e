// playground_test.mjs - the browser playground (make playground) driven in
// headless Chromium, as a person would use it (v86_tests.py runs it as
// playground/browser):
//   1. the page boots the kernel to pebbles> on the VGA screen, with the
//      kernel's boot messages on the screen and the serial pane;
//   2. `ls` typed on the page's keyboard (the emulated PS/2 keyboard)
//      lists the programs on the screen;
//   3. a test program picked in the picker boots as init and reports
//      END__SUCCESS in the kernel log pane (a line of the serial line only),
//      and the machine halts;
//   4. Reset boots the same command line again, from a cleared log;
//   5. trace_schedule (a known schedule) booted with "trace" ticked: the
//      trace panel shows its task with its two threads, a system-call slice
//      and the fault that went to swexn (hovered: the panel says what they
//      were); Stop & download saves a Chrome JSON that validate.py accepts
//      and that is the document to_chrome.py makes of the page's raw
//      stream (the JavaScript port converts as the Python does).
// Screenshots of each step go to --shots for a person to look at.  Steps 1
// and 2 also prove what the kernel sets up itself because v86 runs no BIOS
// (kern/dev/vga.c, keyboard.c): text at 0xB8000 on the screen, in visible
// colours, and a keyboard that scans.
//
//   node tests/harness/playground_test.mjs --site build/playground --shots build/playground-shots
//
// The site is served from this process on 127.0.0.1 (no network); the
// browser is Debian's (/usr/bin/chromium, or $CHROMIUM), driven by
// playwright-core from tools/playground/node_modules, which downloads no
// browser.  Every wait is for something on the page, with a deadline only
// against a hang.  Exit status 0 when every step passed; the last line
// says what happened.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PLAYWRIGHT = path.join(HERE, "..", "..", "tools", "playground", "node_modules", "playwright-core",
    "index.mjs");
const HANG = 90_000; // ms; only against a hang
const TEST_PROG = "fork_test";
const TRACE_PROG = "trace_schedule";
const TRACE_TOOLS = path.join(HERE, "..", "..", "tools", "trace");
const PYTHON = process.env.PYTHON || "python3";
const TYPES = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript",
    ".css": "text/css", ".wasm": "application/wasm", ".txt": "text/plain" };

const { values: opt } = parseArgs({
    options: { site: { type: "string" }, shots: { type: "string" } },
});

// A static server for the site folder, on a free loopback port.
function serve(root) {
    const server = http.createServer((req, res) => {
        const name = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "");
        const file = path.resolve(root, name || "index.html");
        if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file)) {
            res.writeHead(404).end();
            return;
        }
        res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
        res.end(fs.readFileSync(file));
    });
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function step(what) {
    console.log("playground: " + what);
}

// Fails the test with `why` unless fn (run in the page) comes true in time.
async function until(page, why, fn, arg) {
    try {
        await page.waitForFunction(fn, arg, { timeout: HANG, polling: 100 });
    } catch (e) {
        throw new Error(why + " (" + String(e.message).split("\n")[0] + ")");
    }
}

const screenText = () => document.querySelector("#screen_container .text").innerText;
const paneText = (id) => document.getElementById(id).textContent;

async function run(page, url) {
    fs.mkdirSync(opt.shots, { recursive: true });
    const shot = (name) => page.screenshot({ path: path.join(opt.shots, name), fullPage: true });
    let halts = 0; // v86's test-exit device logs each halt on the page's console
    page.on("console", (m) => {
        console.log("  page: " + m.text());
        if (m.text().startsWith("Test exited with code")) halts++;
    });
    page.on("pageerror", (e) => console.log("  page error: " + e.message));

    await page.goto(url);
    await until(page, "no pebbles> prompt on the screen",
        () => document.querySelector("#screen_container .text").innerText.includes("pebbles>"));
    await until(page, "no pebbles> prompt on the serial pane",
        () => document.getElementById("serial").textContent.includes("pebbles> "));
    const boot = await page.evaluate(paneText, "serial");
    if (!boot.includes("Pebbles-x86 kernel booting") || !/RAM disk: \d+ files/.test(boot))
        throw new Error("the kernel's boot messages are not on the serial pane");
    const screen0 = await page.evaluate(screenText);
    if (!screen0.includes("Pebbles-x86 kernel booting"))
        throw new Error("the kernel's boot messages are not on the screen");
    // The VGA palette is the kernel's own (no BIOS): text must not be
    // drawn in its background colour.
    const colours = await page.$$eval("#screen_container .text span", (spans) =>
        spans.filter((e) => e.textContent.includes("pebbles>"))
            .map((e) => [e.style.color, e.style.backgroundColor]));
    if (!colours.length || colours.some(([fg, bg]) => fg === bg))
        throw new Error("the prompt is drawn in its background colour: " + JSON.stringify(colours));
    step("booted to pebbles> (boot messages on the screen and the serial pane; prompt in " +
        colours[0][0] + " on " + colours[0][1] + ")");
    await shot("1-prompt.png");

    // Typed on the page: v86 turns the key events into PS/2 scancodes.
    await page.click("#screen_container");
    await page.keyboard.type("ls");
    await page.keyboard.press("Enter");
    await until(page, "ls did not list the test programs on the screen",
        (prog) => {
            const t = document.querySelector("#screen_container .text").innerText;
            return t.includes(prog) && t.lastIndexOf("pebbles>") > t.indexOf(prog);
        }, TEST_PROG);
    step("ls on the screen keyboard listed the programs");
    await shot("2-ls.png");

    // The picker lists the RAM disk's tests; one boots as init.
    const offered = await page.$$eval("#program option", (os) => os.map((o) => o.value));
    if (!offered.includes(TEST_PROG) || !offered.includes("hello"))
        throw new Error("the picker does not offer " + TEST_PROG + " and hello");
    await page.selectOption("#program", TEST_PROG);
    await page.click("#boot");
    await until(page, TEST_PROG + ": no END__SUCCESS in the kernel log pane",
        (p) => document.getElementById("klog").textContent.includes("(^_^)_" + p + " END__SUCCESS"), TEST_PROG);
    await until(page, TEST_PROG + ": init did not report the exit, or the machine did not stop",
        (p) => document.getElementById("serial").textContent.includes(p + " exited with status 0") &&
            document.getElementById("status").textContent.startsWith("stopped"), TEST_PROG);
    const cmdline = await page.textContent("#cmdline");
    if (cmdline !== "init=" + TEST_PROG)
        throw new Error("the command line shown is " + JSON.stringify(cmdline));
    const klog = await page.evaluate(paneText, "klog");
    if (klog.includes(TEST_PROG + " exited with status"))
        throw new Error("a console line (init's exit line, also on the screen) is in the kernel log pane");
    step("the picker booted init=" + TEST_PROG + ": END__SUCCESS in the kernel log, machine halted");
    await shot("3-" + TEST_PROG + ".png");

    // A halted machine booted again (v86 never says a halted machine
    // stopped: the page must not wait for it to).
    const before = halts;
    await page.click("#reset");
    await until(page, "Reset did not boot " + TEST_PROG + " again from a cleared log",
        (p) => {
            const s = document.getElementById("serial").textContent;
            return s.split(p + " exited with status 0").length === 2 &&
                document.getElementById("status").textContent.startsWith("stopped");
        }, TEST_PROG);
    for (const deadline = Date.now() + HANG; halts === before && Date.now() < deadline;)
        await new Promise((r) => setTimeout(r, 100));
    if (halts !== before + 1) throw new Error("Reset did not run " + TEST_PROG + " to its halt again");
    step("Reset booted init=" + TEST_PROG + " again");
    await traced(page, shot);
}

// The timeline's rows as its hidden list names them (timeline.js).
const traceRows = () => [...document.querySelectorAll("#trace-tracks li")]
    .map((li) => ({ group: li.className === "group", text: li.textContent }));

// Hovers over the first item of `prog`'s task that matches (in the page:
// `what` is "syscall" or "swexn") and returns what the tooltip says.
async function hover(page, prog, what) {
    const at = await page.evaluate(([p, w]) => window.pebblesTrace.locate((item, track) =>
        document.querySelector("#trace-follow option[value='" + track.key + "']")?.textContent.includes(p) &&
        (w === "syscall" ? item.cat === "syscall" && item.dur > 0 : item.cat === "fault" &&
            item.args.outcome === "swexn")), [prog, what]);
    if (!at) throw new Error("the trace panel has no " + what + " item on " + prog + "'s threads");
    // The canvas in the middle of the window (a full-page screenshot may
    // have scrolled it), and no tip left from the last hover.
    await page.evaluate(() => {
        document.getElementById("trace-canvas").scrollIntoView({ block: "center" });
        document.getElementById("trace-tip").textContent = "";
    });
    const box = await page.locator("#trace-canvas").boundingBox();
    await page.mouse.move(0, 0);
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await until(page, "hovering " + what + " shows no tip",
        () => document.getElementById("trace-tip").textContent !== "");
    return page.textContent("#trace-tip");
}

// The Chrome documents, equal up to rounding in the last digit.
function sameDocument(a, b) {
    const norm = (doc) => doc.traceEvents.map((e) => JSON.stringify(e, (k, v) =>
        (typeof v === "number" ? Math.round(v * 100) / 100 : v && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).sort()) : v)));
    const x = norm(a), y = norm(b);
    const at = x.findIndex((e, i) => e !== y[i]);
    if (x.length !== y.length || at >= 0)
        throw new Error("the page's JSON is not to_chrome.py's: " + x.length + " and " + y.length +
            " events, first difference " + x[at] + " / " + y[at]);
}

async function download(page, button, file) {
    const [saved] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    await saved.saveAs(file);
    return file;
}

async function traced(page, shot) {
    await page.check("#trace-on");
    await page.fill("#trace-cats", "all");
    await page.selectOption("#program", TRACE_PROG);
    await page.click("#boot");
    await until(page, TRACE_PROG + " with trace: no END__SUCCESS, or the machine did not stop",
        (p) => document.getElementById("klog").textContent.includes("(^_^)_" + p + " END__SUCCESS") &&
            document.getElementById("status").textContent.startsWith("stopped"), TRACE_PROG);
    const cmdline = await page.textContent("#cmdline");
    if (cmdline !== "trace=all init=" + TRACE_PROG)
        throw new Error("the command line shown is " + JSON.stringify(cmdline));
    await until(page, "the trace panel drew no " + TRACE_PROG + " task",
        (p) => [...document.querySelectorAll("#trace-tracks li.group")].some((li) => li.textContent.startsWith(p)),
        TRACE_PROG);
    // Its group and the rows under it, up to the next group.
    const rows = await page.evaluate(traceRows);
    const from = rows.findIndex((r) => r.group && r.text.startsWith(TRACE_PROG + " (task"));
    const to = rows.findIndex((r, i) => i > from && r.group);
    const threads = rows.slice(from + 1, to < 0 ? rows.length : to).map((r) => r.text);
    if (threads.length !== 2)
        throw new Error(TRACE_PROG + " should have 2 thread rows (A and the partner B): " + JSON.stringify(threads));
    const status = await page.textContent("#trace-status");
    if (!/^rendered .*; no events dropped$/.test(status)) throw new Error("trace status: " + status);
    const call = await hover(page, TRACE_PROG, "syscall");
    if (!/vector: "0x[0-9a-f]+"/.test(call) || !/result: -?\d+/.test(call))
        throw new Error("hovering a system-call slice does not show its vector and result: " + call);
    await shot("5-trace-syscall.png");
    // The tip describes every instant at the pointer's time, one paragraph each.
    const tip = await hover(page, TRACE_PROG, "swexn");
    const fault = tip.split("\n\n").find((p) => p.startsWith("fault 14: swexn")) || tip;
    if (!fault.startsWith("fault 14: swexn") || !fault.includes('address: "0x40000000"'))
        throw new Error("hovering the fault does not show the page fault at 0x40000000 sent to swexn: " + fault);
    step("trace panel: " + TRACE_PROG + "'s threads " + JSON.stringify(threads) + ", a system-call slice (" +
        call.split("\n")[0] + "), the swexn fault; " + status);
    await shot("6-trace-fault.png");
    await page.locator("#trace-pane").screenshot({ path: path.join(opt.shots, "7-trace-panel.png") });

    const raw = await download(page, "#trace-raw", path.join(opt.shots, TRACE_PROG + ".trace"));
    const json = await download(page, "#trace-stop", path.join(opt.shots, TRACE_PROG + ".json"));
    execFileSync(PYTHON, [path.join(TRACE_TOOLS, "validate.py"), json]); // throws unless valid
    const python = path.join(opt.shots, TRACE_PROG + ".py.json");
    execFileSync(PYTHON, [path.join(TRACE_TOOLS, "to_chrome.py"), raw, python]);
    sameDocument(JSON.parse(fs.readFileSync(json)), JSON.parse(fs.readFileSync(python)));
    step("Stop & download: " + path.basename(json) + " is valid and the document to_chrome.py makes" +
        " of the raw stream");
}

async function main() {
    const { chromium } = await import(PLAYWRIGHT);
    const server = await serve(opt.site);
    const url = "http://127.0.0.1:" + server.address().port + "/";
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
        headless: true,
        chromiumSandbox: false, // as root, Chromium's sandbox refuses to start
        args: ["--disable-gpu"],
    });
    let failed = null;
    try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
        await run(page, url).catch(async (e) => {
            failed = e;
            await page.screenshot({ path: path.join(opt.shots, "failed.png"), fullPage: true }).catch(() => {});
        });
    } finally {
        await browser.close();
        server.close();
    }
    if (failed) {
        console.log("FAILED: " + failed.message);
        process.exit(1);
    }
    console.log("prompt, ls, " + TEST_PROG + " through the picker, reset, " + TRACE_PROG +
        " traced; screenshots in " + opt.shots);
}

main().catch((e) => {
    console.log("harness error: " + (e && e.stack ? e.stack : e));
    process.exit(1);
});
