"""pebbles.py - GDB commands for looking inside a stopped Pebbles-x86 kernel.

Loaded by `make gdb` (or: `source tools/gdb/pebbles.py` in gdb with
build/kernel.elf).  Commands:

  pebbles-threads    every thread: tid, task, state, flags, name, the CPU it
                     runs on (or last ran on), and the kernel function it
                     stopped in (its saved return address)
  pebbles-switches   the last context switches and their CPUs
                     (kern/sched/sched_trace.c)

They read the kernel's own structures: the tid hash table
(kern/sched/thread.c), struct thread, and the switch ring.
"""
import gdb


def container_of(ptr, typename, member):
    t = gdb.lookup_type(typename)
    offset = 0
    for f in t.fields():
        if f.name == member:
            offset = f.bitpos // 8
    return gdb.Value(int(ptr) - offset).cast(t.pointer())


def all_threads():
    buckets = gdb.parse_and_eval("tid_buckets")
    n = buckets.type.range()[1] + 1
    for b in range(n):
        node = buckets[b]
        while int(node) != 0:
            yield container_of(node, "struct thread", "tid_node")
            node = node["next"]


def symbol_at(addr):
    """The function addr is in (from the ELF symbols, so assembly too)."""
    out = gdb.execute("info symbol 0x%x" % addr, to_string=True)
    return out.split()[0] if out and not out.startswith("No symbol") else "0x%08x" % addr


def word(addr):
    return int(gdb.Value(addr).cast(gdb.lookup_type("unsigned int").pointer()).dereference())


def switch_frame_offset(field):
    """Offset of field in struct switch_frame (kern/arch/x86/switch_frame.h),
    from the kernel's debug information: the layout is stated once, there."""
    for f in gdb.lookup_type("struct switch_frame").fields():
        if f.name == field:
            return f.bitpos // 8
    raise gdb.GdbError("struct switch_frame has no field " + field)


def stopped_in(saved_esp, depth=4):
    """Where a thread that is not running stopped: context_switch left a
    struct switch_frame on its stack; then follow the saved %ebp chain."""
    names = [symbol_at(word(saved_esp + switch_frame_offset("ret")) - 1)]
    ebp = word(saved_esp + switch_frame_offset("ebp"))
    while ebp and len(names) < depth and ebp < 0x01000000:
        names.append(symbol_at(word(ebp + 4) - 1))
        ebp = word(ebp)
    return names


class Threads(gdb.Command):
    """List every thread of the kernel."""

    def __init__(self):
        super().__init__("pebbles-threads", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        # Each CPU's current thread (struct cpu, kern/arch/x86/percpu.h).
        cpus = gdb.parse_and_eval("cpus")
        ncpus = int(gdb.parse_and_eval("percpu_ncpus"))
        running = {int(cpus[c]["current"]): c for c in range(ncpus) if int(cpus[c]["current"])}
        rows = []
        for t in all_threads():
            task = t["task"]
            state = str(t["state"]).replace("THREAD_", "").lower()
            flags = ("*" if int(t) in running else "") + \
                    (" killed" if bool(t["killed"]) else "")
            name = t["name"].string() if int(t["name"]) else ""
            cpu = ("on CPU %d" if int(t) in running else "last on CPU %d") % int(t["cpu"])
            where = ""
            if int(t) not in running and state != "new":
                where = "in " + " < ".join(stopped_in(int(t["saved_esp"])))
            rows.append((int(t["tid"]), "thread %d%s task %d %s %s %s %s" % (
                int(t["tid"]), flags, int(task["tid"]) if int(task) else 0, state, name, cpu, where)))
        for _, line in sorted(rows):
            gdb.write(" ".join(line.split()) + "\n")


class Switches(gdb.Command):
    """Print the last context switches, oldest first."""

    def __init__(self):
        super().__init__("pebbles-switches", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        ring = gdb.parse_and_eval("sched_trace_ring")
        size = ring.type.range()[1] + 1
        count = int(gdb.parse_and_eval("sched_trace_count"))
        first = max(0, count - size)
        for i in range(first, count):
            e = ring[i % size]
            state = gdb.lookup_type("enum thread_state")
            why = str(e["why"].cast(gdb.lookup_type("int")).cast(state)).replace("THREAD_", "").lower()
            gdb.write("tick %d, CPU %d: %d -> %d (%d %s)\n" % (int(e["tick"]), int(e["cpu"]), int(e["from"]),
                                                               int(e["to"]), int(e["from"]), why))


Threads()
Switches()
