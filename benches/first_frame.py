#!/usr/bin/env python3
"""The console's first frame as a user sees it: the time from starting gavel in tmux until the
agenda is on the screen, beside tmux's own floor (a shell that prints the word), interleaved;
and the console's own account of it (GAVEL_SHOW_FIRST_FRAME: from its start to its first frame
drawn, without the terminal's time and this script's polling).

Usage: python3 benches/first_frame.py MEETING.yaml GAVEL [OTHER_GAVEL] [runs]
(needs tmux; generate a long meeting with `cargo run --release --example meeting_gen -- 1000 m.yaml`)
"""
import os
import statistics
import subprocess
import sys
import time


def shown(session):
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                          capture_output=True, text=True).stdout


def first_frame(command, session="first-frame", word="Agenda"):
    subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL)
    started = time.monotonic()
    subprocess.run(["tmux", "new", "-d", "-s", session, "-x", "100", "-y", "30", command])
    while word not in shown(session):
        if time.monotonic() - started > 10:
            return None
        # A look every 5 ms: looking without a pause starts a process after process, which on
        # a 2-core machine takes a core from the console being measured (30 ms more, measured).
        time.sleep(0.005)
    took = time.monotonic() - started
    subprocess.run(["tmux", "send-keys", "-t", session, "q"])
    time.sleep(0.5)
    subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL)
    return took


def main():
    meeting, binaries = sys.argv[1], sys.argv[2:]
    runs = 7
    if binaries and binaries[-1].isdigit():
        runs = int(binaries.pop())
    lock = meeting.replace(".yaml", ".minutes.yaml.lock")
    times = {b: [] for b in binaries}
    times["tmux floor"] = []
    own = {b: [] for b in binaries}
    log = "/tmp/gavel-first-frame.log"
    for _ in range(runs):
        for binary in binaries:
            if os.path.exists(lock):
                os.remove(lock)
            if os.path.exists(log):
                os.remove(log)
            times[binary].append(
                first_frame(f"GAVEL_SHOW_FIRST_FRAME=1 {binary} {meeting} 2>{log}"))
            try:
                with open(log) as f:
                    said = [line for line in f if "first frame" in line]
                own[binary].append(int(said[0].split("first frame ")[1].split(" ms")[0]) / 1000)
            except (OSError, IndexError, ValueError):
                pass
        times["tmux floor"].append(first_frame("echo Agenda; sleep 5"))
    for binary, values in own.items():
        if values:
            times[f"{binary} (its own account)"] = values
    for name, values in times.items():
        values = [v for v in values if v is not None]
        print(f"{name}: median {statistics.median(values) * 1000:.0f} ms "
              f"({', '.join(f'{v * 1000:.0f}' for v in values)})")


main()
