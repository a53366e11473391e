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
//   4. Reset boots the same command line again, from a cleared log.
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
    page.on("console", (m) => console.log("  page: " + m.text()));
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

    await page.click("#reset");
    await until(page, "Reset did not boot " + TEST_PROG + " again from a cleared log",
        (p) => {
            const s = document.getElementById("serial").textContent;
            return s.split(p + " exited with status 0").length === 2 &&
                document.getElementById("status").textContent.startsWith("stopped");
        }, TEST_PROG);
    step("Reset booted init=" + TEST_PROG + " again");
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
    console.log("prompt, ls, " + TEST_PROG + " through the picker, reset; screenshots in " + opt.shots);
}

main().catch((e) => {
    console.log("harness error: " + (e && e.stack ? e.stack : e));
    process.exit(1);
});
