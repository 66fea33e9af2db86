#!/usr/bin/env python3
"""CPU timeline of a sync run, for scripts/bench-sync (BENCH_TIMELINE=1).

Usage: cpu-timeline.py OUT PATTERN NAME=PID...

Waits for a process whose command line matches PATTERN (the dsync run),
then every 0.2 s until it exits writes one line to OUT: the seconds since
it started and the cores each process used in that slice (user + system
time from /proc/PID/stat, proc(5)): the run as `dsync`, then each NAME.
"""
import os
import re
import sys
import time

out, pattern, others = sys.argv[1], re.compile(sys.argv[2]), [arg.split("=", 1) for arg in sys.argv[3:]]
ticks = os.sysconf("SC_CLK_TCK")


def cpu(pid):
    """Seconds of CPU the process used so far; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks
    except (OSError, IndexError, ValueError):
        return None


def find():
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                text = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if pattern.search(text):
            return entry
    return None


deadline = time.monotonic() + 60
run = find()
while run is None and time.monotonic() < deadline:
    time.sleep(0.01)
    run = find()
if run is None:
    sys.exit(f"cpu-timeline: no process matches {pattern.pattern}")
pids = [("dsync", run)] + [(name, pid) for name, pid in others]
start = time.monotonic()
last = [cpu(pid) or 0.0 for _, pid in pids]
with open(out, "w") as timeline:
    timeline.write("seconds " + " ".join(name for name, _ in pids) + "\n")
    while True:
        time.sleep(0.2)
        now = [cpu(pid) for _, pid in pids]
        if now[0] is None:
            break
        elapsed = time.monotonic() - start
        cores = [(new - old) / 0.2 if new is not None else 0.0 for new, old in zip(now, last)]
        timeline.write(f"{elapsed:.1f} " + " ".join(f"{value:.2f}" for value in cores) + "\n")
        last = [new if new is not None else old for new, old in zip(now, last)]
