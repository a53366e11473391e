// v86_machine.mjs - one boot of the kernel in the v86 emulator, from Node:
// the third emulator the suite runs user tests on (v86_tests.py drives it).
//
//   node tests/harness/v86_machine.mjs --build DIR [--initrd IMAGE]
//        [--cmdline "init=fork_test"] [--mem MIB]
//
// v86 boots <build>/kernel.elf directly as a Multiboot kernel, with the RAM
// disk as its one module and the command line, and no BIOS.  The serial
// line (COM1) is this process's stdin and stdout, byte for byte, as QEMU's
// socket is for qemu.py.  Like QEMU's isa-debug-exit, v86 has a test-exit
// device on port 0xf4: when the kernel writes code N there, v86 logs "Test
// exited with code 0xNN" and stops by throwing "HALT"; this process then
// exits with status (N << 1) | 1, the status QEMU would exit with, so
// verdict.py judges both emulators alike.  A machine that halts in some
// other way (hlt with interrupts off) idles until the caller kills it.
// Nothing here times anything: the caller owns every deadline.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const V86_DIR = path.join(HERE, "..", "..", "tools", "playground", "node_modules", "v86", "build");
const EXIT_LINE = /^Test exited with code 0x([0-9a-f]+)/i;

const { values: opt } = parseArgs({
    options: {
        build: { type: "string", default: "build" },
        initrd: { type: "string" },
        cmdline: { type: "string", default: "" },
        mem: { type: "string", default: process.env.QEMU_MEM || "256" },
    },
});

// A file as the ArrayBuffer v86 wants (a Buffer may share a larger pool).
function arrayBuffer(file) {
    const b = fs.readFileSync(file);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
}

// Serial bytes are batched into one write per turn of the event loop;
// stdout is a pipe or a file, written synchronously on Linux, so what was
// written is out before process.exit.
let pending = [];
function flushSerial() {
    if (pending.length) {
        fs.writeSync(1, Buffer.from(pending));
        pending = [];
    }
}

// v86 reports the test-exit device through console.log; everything else it
// logs goes to stderr, never into the serial stream.
let exitCode = null;
console.log = (...args) => {
    const m = EXIT_LINE.exec(String(args[0]));
    if (m) exitCode = parseInt(m[1], 16);
    process.stderr.write(args.join(" ") + "\n");
};
process.on("uncaughtException", (e) => {
    flushSerial();
    if (e === "HALT" && exitCode !== null) process.exit(((exitCode << 1) | 1) & 0xff);
    process.stderr.write("v86_machine: " + (e && e.stack ? e.stack : String(e)) + "\n");
    process.exit(125);
});

const { V86 } = await import(path.join(V86_DIR, "libv86.mjs"));
const emulator = new V86({
    wasm_path: path.join(V86_DIR, "v86.wasm"),
    memory_size: Number(opt.mem) * 1024 * 1024,
    multiboot: { buffer: arrayBuffer(path.join(opt.build, "kernel.elf")) },
    initrd: { buffer: arrayBuffer(opt.initrd || path.join(opt.build, "initrd.cpio")) },
    cmdline: opt.cmdline,
    autostart: true,
    disable_speaker: true,
});
emulator.add_listener("serial0-output-byte", (byte) => {
    if (pending.length === 0) setImmediate(flushSerial);
    pending.push(byte);
});
process.stdin.on("data", (data) => emulator.serial_send_bytes(0, new Uint8Array(data)));
// The caller closing stdin changes nothing: it ends the machine by killing it.
process.stdin.on("end", () => {});
