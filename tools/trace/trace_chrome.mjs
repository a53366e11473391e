// trace_chrome.mjs - the kernel trace stream (the bytes written to port
// 0xE9) decoded and converted to a Chrome Trace Event document, in the
// browser: the playground's timeline (tools/playground/playground.js).
//
// This is tools/trace/decode.py's Trace and to_chrome.py's Converter in
// JavaScript, track for track and field for field: the playground test
// (tests/harness/playground_test.mjs) converts the page's raw stream with
// to_chrome.py and requires the same document.  The record format is not
// written here: `fmt` is trace-format.json, which make playground writes
// from the kernel's headers (tools/trace/format_json.py): the fields and
// their offsets, the record types, thread states, system-call names,
// fault outcomes and the fixed track numbers.

// One field of a record, by its struct module code (format_json.py).
const READERS = {
    Q: (v, at) => v.getUint32(at, true) + v.getUint32(at + 4, true) * 4294967296,
    I: (v, at) => v.getUint32(at, true),
    H: (v, at) => v.getUint16(at, true),
    i: (v, at) => v.getInt32(at, true),
};

const signed = (u) => u | 0;
const hex = (u) => "0x" + (u >>> 0).toString(16);
const cstr = (bytes) => {
    const end = bytes.indexOf(0);
    return String.fromCharCode(...(end < 0 ? bytes : bytes.subarray(0, end)));
};

// decode.Trace: .events in stream order, .dropped, .stop_lost, .header,
// .sessions, .trailing (bytes of a record not yet whole).
export function decode(bytes, fmt) {
    const size = fmt.record_size;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const usable = bytes.length - (bytes.length % size);
    const tr = { events: [], dropped: 0, stop_lost: null, header: null, sessions: 0,
        trailing: bytes.length - usable };
    for (let off = 0; off < usable; off += size) {
        const e = {};
        let raw = null;
        for (const f of fmt.fields) {
            if (f.name === "args") {
                raw = bytes.subarray(off + f.offset, off + f.offset + 16);
                e.args = [0, 4, 8, 12].map((k) => view.getUint32(off + f.offset + k, true));
            } else {
                e[f.name] = READERS[f.code](view, off + f.offset);
            }
        }
        e.type = fmt.types[e.type] || "type" + e.type;
        if (fmt.name_types.includes(e.type)) e.name = cstr(raw);
        else if (e.type === "WAKEUP") e.name = cstr(raw.subarray(4));
        if (e.type === "HEADER") {
            tr.header = e.args;
            tr.sessions++;
        } else if (e.type === "DROPPED") {
            tr.dropped += e.args[0];
        } else if (e.type === "STOP") {
            tr.stop_lost = (tr.stop_lost || 0) + e.args[0];
        }
        tr.events.push(e);
    }
    return tr;
}

const round3 = (x) => Math.round(x * 1000) / 1000;

// to_chrome.Converter (see its docstring for the tracks).
class Converter {
    constructor(tr, fmt) {
        this.tr = tr;
        this.fmt = fmt;
        this.out = [];
        this.t0 = tr.events.length ? tr.events[0].tsc : 0;
        this.taskOf = new Map(); // tid -> task
        this.taskName = new Map(); // task -> program
        this.threadName = new Map(); // tid -> name of a kernel thread
        this.openCall = new Map(); // tid -> [vector, name]
        this.running = new Map(); // cpu -> [tid, since]
        this.preempted = new Map(); // cpu -> tid the tick takes the CPU from
        this.lastTs = 0;
    }

    ts(e) {
        return e.ts;
    }

    // Each record's ts (into the record), never back on a CPU: v86's TSC
    // follows the host's clock and can step back a little.
    clock() {
        const last = new Map();
        for (const e of this.tr.events) {
            e.ts = Math.max((e.tsc - this.t0) / 1000, last.get(e.cpu) || 0);
            last.set(e.cpu, e.ts);
        }
    }

    pid(tid) {
        return this.taskOf.has(tid) ? this.taskOf.get(tid) : this.fmt.kernel_pid;
    }

    emit(ph, name, ts, tid, pid, cat, fields) {
        const ev = { name, cat, ph, ts: round3(ts), pid: pid === null ? this.pid(tid) : pid, tid };
        Object.assign(ev, fields);
        this.out.push(ev);
    }

    instant(e, name, cat, args, tid = e.tid) {
        this.emit("i", name, this.ts(e), tid, null, cat, { s: "t", args });
    }

    sysname(vec) {
        return this.fmt.syscalls[vec] || "syscall " + hex(vec);
    }

    who(tid) {
        if (!this.taskOf.has(tid)) return (this.threadName.get(tid) || "kernel thread") + " [" + tid + "]";
        const task = this.taskOf.get(tid);
        return (this.taskName.get(task) || "task " + task) + " [" + tid + "]";
    }

    learn(e) {
        const a = e.args;
        if (e.task && !this.taskOf.has(e.tid)) this.taskOf.set(e.tid, e.task);
        if (e.type === "THREAD") {
            if (!e.task) this.threadName.set(e.tid, e.name);
            else if (!this.taskName.has(e.task)) this.taskName.set(e.task, e.name || "task " + e.task);
        } else if (e.type === "EXEC") {
            this.taskName.set(e.task, e.name);
        } else if (e.type === "FORK") {
            this.taskOf.set(a[0], a[0]);
            if (this.taskName.has(e.task) && !this.taskName.has(a[0]))
                this.taskName.set(a[0], this.taskName.get(e.task));
        } else if (e.type === "THRFORK") {
            this.taskOf.set(a[0], e.task);
        }
    }

    closeCall(tid, ts, why) {
        if (!this.openCall.has(tid)) return;
        const [, name] = this.openCall.get(tid);
        this.openCall.delete(tid);
        this.emit("E", name, ts, tid, null, "syscall", { args: why ? { ended: why } : {} });
    }

    switchOut(e) {
        const [frm, to, state] = e.args;
        const ts = this.ts(e);
        let why = state < this.fmt.states.length ? this.fmt.states[state] : String(state);
        if (this.preempted.get(e.cpu) === frm) why = "preempted";
        this.preempted.delete(e.cpu);
        this.endRun(e.cpu, ts, why);
        this.running.set(e.cpu, [to, ts]);
    }

    endRun(cpu, ts, left) {
        if (!this.running.has(cpu)) return;
        const [tid, since] = this.running.get(cpu);
        this.running.delete(cpu);
        this.emit("X", this.who(tid), since, cpu, this.fmt.cpu_pid, "sched",
            { dur: round3(ts - since), args: { tid, task: this.pid(tid), "left as": left } });
    }

    record(e) {
        const a = e.args;
        const ts = this.ts(e);
        const tid = e.tid;
        this.lastTs = ts;
        if (!this.running.has(e.cpu)) this.running.set(e.cpu, [tid, ts]);
        switch (e.type) {
        case "SWITCH":
            this.switchOut(e);
            break;
        case "SYSCALL": {
            this.closeCall(tid, ts, "no exit record");
            const name = this.sysname(a[0]);
            this.openCall.set(tid, [a[0], name]);
            this.emit("B", name, ts, tid, null, "syscall", { args: { vector: hex(a[0]), esi: hex(a[1]) } });
            break;
        }
        case "SYSRET":
            if (this.openCall.has(tid) && this.openCall.get(tid)[0] === a[0]) {
                const [, name] = this.openCall.get(tid);
                this.openCall.delete(tid);
                this.emit("E", name, ts, tid, null, "syscall", { args: { result: signed(a[1]) } });
            }
            break;
        case "FAULT": {
            const outcome = a[3] < this.fmt.fault_outcomes.length ? this.fmt.fault_outcomes[a[3]] : String(a[3]);
            this.instant(e, "fault " + a[0] + ": " + outcome, "fault",
                { cause: a[0], address: hex(a[1]), eip: hex(a[2]), outcome });
            break;
        }
        case "IRQ":
            this.emit("i", "irq " + a[0], ts, e.cpu, this.fmt.cpu_pid, "irq",
                { s: "t", args: { irq: a[0], interrupted: tid } });
            break;
        case "BLOCK":
            this.instant(e, "block: " + e.name, "block", { waits_for: e.name });
            break;
        case "WAKEUP":
            this.instant(e, "wakeup: " + e.name, "block", { reason: e.name, woken_by: tid }, a[0]);
            break;
        case "PREEMPT":
            this.preempted.set(e.cpu, a[0]);
            this.instant(e, "preempted", "sched", {});
            break;
        case "FORK":
            this.instant(e, "fork -> " + a[0], "proc", { child: a[0] });
            break;
        case "THRFORK":
            this.instant(e, "thread_fork -> " + a[0], "proc", { thread: a[0] });
            break;
        case "EXEC":
            this.instant(e, "exec " + e.name, "proc", { program: e.name });
            break;
        case "VANISH":
            this.closeCall(tid, ts, "vanished");
            this.instant(e, "vanish", "proc", { last_thread: Boolean(a[0]), status: signed(a[1]) });
            break;
        case "NEWPAGES":
            this.instant(e, "new_pages", "mem", { base: hex(a[0]), len: a[1], result: signed(a[2]) });
            break;
        case "RMPAGES":
            this.instant(e, "remove_pages", "mem", { base: hex(a[0]), result: signed(a[1]) });
            break;
        case "COW":
            this.instant(e, "copy-on-write", "mem", { page: hex(a[0]), result: signed(a[1]) });
            break;
        case "MARK":
            this.instant(e, "mark: " + e.name, "mark", { label: e.name });
            break;
        case "DROPPED":
            this.emit("i", a[0] + " events dropped", ts, 0, this.fmt.cpu_pid, "trace",
                { s: "g", args: { dropped: a[0], "dropped in all": a[1] } });
            break;
        }
    }

    metadata() {
        const m = (what, pid, tid, args) => ({ name: what, ph: "M", pid, tid, args });
        const cpuPid = this.fmt.cpu_pid;
        const meta = [m("process_name", cpuPid, 0, { name: "CPUs" }),
            m("process_sort_index", cpuPid, 0, { sort_index: -1 }),
            m("process_name", this.fmt.kernel_pid, 0, { name: "kernel" })];
        const byNumber = (a, b) => a - b;
        for (const c of [...new Set(this.tr.events.map((e) => e.cpu))].sort(byNumber))
            meta.push(m("thread_name", cpuPid, c, { name: "CPU " + c }));
        for (const task of [...this.taskName.keys()].sort(byNumber))
            meta.push(m("process_name", task, 0, { name: this.taskName.get(task) + " (task " + task + ")" }));
        const tids = new Set(this.out.filter((ev) => ev.pid !== cpuPid).map((ev) => ev.tid));
        for (const tid of [...tids].sort(byNumber)) {
            const kernel = this.pid(tid) === this.fmt.kernel_pid;
            const name = this.threadName.get(tid) || (kernel ? "kernel thread" : "thread");
            meta.push(m("thread_name", this.pid(tid), tid, { name: name + " " + tid }));
        }
        return meta;
    }

    convert() {
        this.clock();
        for (const e of this.tr.events) this.learn(e);
        for (const e of this.tr.events) this.record(e);
        for (const tid of [...this.openCall.keys()]) this.closeCall(tid, this.lastTs, "end of trace");
        for (const cpu of [...this.running.keys()]) this.endRun(cpu, this.lastTs, "end of trace");
        this.out.sort((x, y) => x.ts - y.ts); // stable, as Python's sort
        return { traceEvents: this.metadata().concat(this.out), displayTimeUnit: "ns",
            otherData: { source: "Pebbles-x86 kernel trace", records: this.tr.events.length,
                dropped: this.tr.dropped, sessions: this.tr.sessions,
                time: "ts: guest instructions / 1000 (-icount shift=0: 1 insn = 1 ns)" } };
    }
}

export function convert(tr, fmt) {
    return new Converter(tr, fmt).convert();
}
