#!/usr/bin/env python3
"""to_chrome.py - the kernel trace (decode.Trace) as a Chrome Trace Event
document (the JSON that Perfetto and chrome://tracing open).

Tracks:
  - one process per task (pid = the task's tid; pid 0 holds the kernel
    threads), named by its program (process_name: exec, or the thread
    records of a session's start); one thread track per thread (tid);
  - a "CPUs" process (pid CPU_PID) with one track per CPU, on which each
    stretch a thread ran is an X slice, and interrupts are instants.
On a thread's track: system calls are B/E slices (one open at a time; a
call that never returns, vanish, or is cut by the end of the trace, is
closed there); faults, blocks, wakeups (on the woken thread's track, with
who woke it), fork/exec/vanish, memory calls, preemptions and marks are
instant events with their arguments.
Time: ts in microseconds from the first record, as tsc / 1000 - under
-icount shift=0 one guest instruction is one nanosecond.  A record whose
TSC is below the one before it on its CPU is put at that one's time: v86's
TSC follows the host's clock and can step back a little (QEMU's never does).

    python3 tools/trace/to_chrome.py STREAM OUT.json
"""
import json
import sys

import decode

CPU_PID = 1000000
KERNEL_PID = 0


class Converter:
    def __init__(self, trace):
        self.tr = trace
        self.sysnames = decode.syscall_names()
        self.states = decode.thread_states()
        self.out = []
        self.t0 = trace.events[0]["tsc"] if trace.events else 0
        self.task_of = {}      # tid -> task (the first non-zero one seen)
        self.task_name = {}    # task -> program
        self.thread_name = {}  # tid -> name of a kernel thread
        self.open_call = {}    # tid -> (vector, name) of its open system call
        self.running = {}      # cpu -> (tid, since ts)
        self.preempted = {}    # cpu -> tid the tick is taking the CPU from
        self.last_ts = 0.0

    # ------------------------------------------------------------ helpers
    def ts(self, e):
        return e["ts"]

    def clock(self):
        """Each record's ts (into the record), never back on a CPU."""
        last = {}
        for e in self.tr.events:
            e["ts"] = last[e["cpu"]] = max((e["tsc"] - self.t0) / 1000.0, last.get(e["cpu"], 0.0))

    def pid(self, tid):
        return self.task_of.get(tid, KERNEL_PID)

    def emit(self, ph, name, ts, tid, pid=None, cat="kernel", **fields):
        ev = {"name": name, "cat": cat, "ph": ph, "ts": round(ts, 3),
              "pid": self.pid(tid) if pid is None else pid, "tid": tid}
        ev.update(fields)
        self.out.append(ev)
        return ev

    def instant(self, e, name, cat, tid=None, **args):
        tid = e["tid"] if tid is None else tid
        self.emit("i", name, self.ts(e), tid, cat=cat, s="t", args=args)

    def sysname(self, vec):
        return self.sysnames.get(vec, "syscall 0x%x" % vec)

    def who(self, tid):
        task = self.task_of.get(tid)
        if task is None:
            return "%s [%d]" % (self.thread_name.get(tid, "kernel thread"), tid)
        return "%s [%d]" % (self.task_name.get(task, "task %d" % task), tid)

    # ------------------------------------------------------------ the pass
    def learn(self, e):
        """What a record says about who is who (before it is drawn)."""
        if e["task"] and e["tid"] not in self.task_of:
            self.task_of[e["tid"]] = e["task"]
        t, a = e["type"], e["args"]
        if t == "THREAD":
            if e["task"]:
                self.task_name.setdefault(e["task"], e["name"] or "task %d" % e["task"])
            else:
                self.thread_name[e["tid"]] = e["name"]
        elif t == "EXEC":
            self.task_name[e["task"]] = e["name"]
        elif t == "FORK":
            self.task_of[a[0]] = a[0]
            if e["task"] in self.task_name:
                self.task_name.setdefault(a[0], self.task_name[e["task"]])
        elif t == "THRFORK":
            self.task_of[a[0]] = e["task"]

    def close_call(self, tid, ts, why=None):
        if tid in self.open_call:
            _, name = self.open_call.pop(tid)
            self.emit("E", name, ts, tid, cat="syscall", args={"ended": why} if why else {})

    def switch(self, e):
        """The thread that had the CPU leaves it: its state says why
        (runnable: it yielded, or was preempted if the tick said so just
        before; blocked; dead)."""
        cpu, ts, (frm, to, state, _) = e["cpu"], self.ts(e), e["args"]
        why = self.states[state] if state < len(self.states) else str(state)
        if self.preempted.pop(cpu, None) == frm:
            why = "preempted"
        self.end_run(cpu, ts, why)
        self.running[cpu] = (to, ts)

    def end_run(self, cpu, ts, left):
        if cpu not in self.running:
            return
        tid, since = self.running.pop(cpu)
        self.emit("X", self.who(tid), since, cpu, pid=CPU_PID, cat="sched", dur=round(ts - since, 3),
                  args={"tid": tid, "task": self.pid(tid), "left as": left})

    def default_name(self, tid):
        return "kernel thread" if self.pid(tid) == KERNEL_PID else "thread"

    def record(self, e):
        t, a, ts, tid = e["type"], e["args"], self.ts(e), e["tid"]
        self.last_ts = ts
        self.running.setdefault(e["cpu"], (tid, ts))
        if t == "SWITCH":
            self.switch(e)
        elif t == "SYSCALL":
            self.close_call(tid, ts, "no exit record")
            name = self.sysname(a[0])
            self.open_call[tid] = (a[0], name)
            self.emit("B", name, ts, tid, cat="syscall", args={"vector": "0x%x" % a[0], "esi": "0x%x" % a[1]})
        elif t == "SYSRET":
            if tid in self.open_call and self.open_call[tid][0] == a[0]:
                _, name = self.open_call.pop(tid)
                self.emit("E", name, ts, tid, cat="syscall", args={"result": decode.signed(a[1])})
        elif t == "FAULT":
            outcome = decode.fault_outcome(a[3])
            self.instant(e, "fault %d: %s" % (a[0], outcome), "fault", cause=a[0], address="0x%x" % a[1],
                         eip="0x%x" % a[2], outcome=outcome)
        elif t == "IRQ":
            self.emit("i", "irq %d" % a[0], ts, e["cpu"], pid=CPU_PID, cat="irq", s="t",
                      args={"irq": a[0], "interrupted": tid})
        elif t == "BLOCK":
            self.instant(e, "block: " + e["name"], "block", waits_for=e["name"])
        elif t == "WAKEUP":
            self.instant(e, "wakeup: " + e["name"], "block", tid=a[0], reason=e["name"], woken_by=tid)
        elif t == "PREEMPT":
            self.preempted[e["cpu"]] = a[0]
            self.instant(e, "preempted", "sched")
        elif t == "FORK":
            self.instant(e, "fork -> %d" % a[0], "proc", child=a[0])
        elif t == "THRFORK":
            self.instant(e, "thread_fork -> %d" % a[0], "proc", thread=a[0])
        elif t == "EXEC":
            self.instant(e, "exec " + e["name"], "proc", program=e["name"])
        elif t == "VANISH":
            self.close_call(tid, ts, "vanished")
            self.instant(e, "vanish", "proc", last_thread=bool(a[0]), status=decode.signed(a[1]))
        elif t == "NEWPAGES":
            self.instant(e, "new_pages", "mem", base="0x%x" % a[0], len=a[1], result=decode.signed(a[2]))
        elif t == "RMPAGES":
            self.instant(e, "remove_pages", "mem", base="0x%x" % a[0], result=decode.signed(a[1]))
        elif t == "COW":
            self.instant(e, "copy-on-write", "mem", page="0x%x" % a[0], result=decode.signed(a[1]))
        elif t == "MARK":
            self.instant(e, "mark: " + e["name"], "mark", label=e["name"])
        elif t == "DROPPED":
            self.emit("i", "%d events dropped" % a[0], ts, 0, pid=CPU_PID, cat="trace", s="g",
                      args={"dropped": a[0], "dropped in all": a[1]})

    def metadata(self):
        def m(what, pid, tid, **args):
            return {"name": what, "ph": "M", "pid": pid, "tid": tid, "args": args}
        meta = [m("process_name", CPU_PID, 0, name="CPUs"),
                m("process_sort_index", CPU_PID, 0, sort_index=-1),
                m("process_name", KERNEL_PID, 0, name="kernel")]
        cpus = sorted({e["cpu"] for e in self.tr.events})
        meta += [m("thread_name", CPU_PID, c, name="CPU %d" % c) for c in cpus]
        meta += [m("process_name", task, 0, name="%s (task %d)" % (name, task))
                 for task, name in sorted(self.task_name.items())]
        for tid in sorted({ev["tid"] for ev in self.out if ev["pid"] != CPU_PID}):
            name = self.thread_name.get(tid, self.default_name(tid))
            meta.append(m("thread_name", self.pid(tid), tid, name="%s %d" % (name, tid)))
        return meta

    def convert(self):
        self.clock()
        for e in self.tr.events:
            self.learn(e)
        # Who a thread belongs to is known once it has been seen anywhere;
        # the kernel threads' records of a task's threads (on their way out,
        # detached) keep that task.
        for e in self.tr.events:
            self.record(e)
        for tid in list(self.open_call):
            self.close_call(tid, self.last_ts, "end of trace")
        for cpu in list(self.running):
            self.end_run(cpu, self.last_ts, "end of trace")
        # Stable by time: records are in time order per CPU already; X
        # slices are emitted at their end, so sort them into place.
        self.out.sort(key=lambda ev: ev["ts"])
        return {"traceEvents": self.metadata() + self.out, "displayTimeUnit": "ns",
                "otherData": {"source": "Pebbles-x86 kernel trace", "records": len(self.tr.events),
                              "dropped": self.tr.dropped, "sessions": self.tr.sessions,
                              "time": "ts: guest instructions / 1000 (-icount shift=0: 1 insn = 1 ns)"}}


def convert(trace):
    return Converter(trace).convert()


def main(argv):
    if len(argv) != 2:
        print("usage: to_chrome.py STREAM OUT.json", file=sys.stderr)
        return 2
    with open(argv[1], "w") as f:
        json.dump(convert(decode.load(argv[0])), f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
