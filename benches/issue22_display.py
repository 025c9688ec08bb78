#!/usr/bin/env python3
# The figures of README "The display, the web page, import and the writers": the web display
# idle, with 50 event streams, 300 connections, a slow-loris and a 300 MiB header.
# Usage: python3 benches/issue22_display.py target/release/gavel
import os, socket, subprocess, sys, time, shutil, tempfile
gavel = os.path.abspath(sys.argv[1])
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "meetings")
d = tempfile.mkdtemp()
for f in os.listdir(src):
    p = os.path.join(src, f)
    if os.path.isfile(p): shutil.copy(p, d)
M = "2017-11-20-raadsplein-takzaal.yaml"
open(os.path.join(d, M.replace(".yaml", ".minutes.yaml")), "w").write("meeting: %s\ntitle: Raadsplein Info/debat TaKzaal\ndate: 2017-11-20\n" % M)
def cpu(pid):
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
def status(pid, key):
    for l in open("/proc/%d/status" % pid):
        if l.startswith(key): return l.split(":")[1].strip()
def fds(pid): return len(os.listdir("/proc/%d/fd" % pid))
port = 18000 + os.getpid() % 1000
addr = ("127.0.0.1", port)
p = subprocess.Popen([gavel, "display", "--http", "%s:%d" % addr, M, "--lang", "en"], cwd=d, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
for _ in range(200):
    try: socket.create_connection(addr).close(); break
    except OSError: time.sleep(0.05)
time.sleep(1)
c0 = cpu(p.pid); time.sleep(5); c1 = cpu(p.pid)
print("idle web display, 5 s: CPU %.2f s = %.1f %% of a core; RSS %s; threads %s; fds %d" % (c1-c0, (c1-c0)/5*100, status(p.pid,"VmRSS"), status(p.pid,"Threads"), fds(p.pid)))
# 50 event-stream clients
clients = []
for i in range(50):
    s = socket.create_connection(addr); s.sendall(b"GET /events HTTP/1.1\r\nHost: localhost:%d\r\n\r\n" % port); s.setblocking(False); clients.append(s)
time.sleep(1)
c0 = cpu(p.pid); t0=time.time()
end = time.time()+5
while time.time() < end:
    for s in clients:
        try: s.recv(65536)
        except BlockingIOError: pass
    time.sleep(0.05)
c1 = cpu(p.pid)
print("50 event streams, 5 s: CPU %.2f s = %.1f %%; RSS %s; threads %s; fds %d" % (c1-c0, (c1-c0)/5*100, status(p.pid,"VmRSS"), status(p.pid,"Threads"), fds(p.pid)))
for s in clients: s.close()
time.sleep(0.5)
idle = [socket.create_connection(addr) for _ in range(300)]
time.sleep(0.5)
busy = 0
for s in idle:
    s.setblocking(False)
    try:
        if s.recv(64).startswith(b"HTTP/1.1 503"): busy += 1
    except BlockingIOError: pass
print("300 idle connections: %d answered 503; RSS %s; threads %s; fds %d" % (busy, status(p.pid,"VmRSS"), status(p.pid,"Threads"), fds(p.pid)))
s = socket.create_connection(addr); s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
t = time.time(); r = s.recv(20)
print("page while the cap is full:", r[:12], "in %.2f s" % (time.time()-t))
for s in idle: s.close()
time.sleep(0.3)
s = socket.create_connection(addr); s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
t = time.time(); r = s.recv(64)
print("slow-loris:", r[:24], "after %.1f s" % (time.time()-t))
s = socket.create_connection(addr)
t = time.time()
try:
    s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * (300 * 1024 * 1024))
except OSError: pass
print("300 MiB header: closed after %.2f s; RSS %s" % (time.time()-t, status(p.pid,"VmRSS")))
p.terminate(); p.wait()

# Soak (only with GAVEL_SOAK_SECONDS set): 50 event streams while the minutes are rewritten as
# the console does (beside, then renamed over) ten times a second; CPU, memory and descriptors
# sampled every 10 s must stay flat.
soak = int(os.environ.get("GAVEL_SOAK_SECONDS", "0"))
if soak:
    p = subprocess.Popen([gavel, "display", "--http", "%s:%d" % addr, M, "--lang", "en"], cwd=d, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    for _ in range(200):
        try: socket.create_connection(addr).close(); break
        except OSError: time.sleep(0.05)
    clients = []
    for i in range(50):
        s = socket.create_connection(addr); s.sendall(b"GET /events HTTP/1.1\r\nHost: localhost:%d\r\n\r\n" % port); s.setblocking(False); clients.append(s)
    minutes = os.path.join(d, M.replace(".yaml", ".minutes.yaml"))
    start = time.time(); last = start; c_last = cpu(p.pid); n = 0
    while time.time() - start < soak:
        n += 1
        tmp = minutes + ".tmp"
        open(tmp, "w").write("meeting: %s\ntitle: Raadsplein Info/debat TaKzaal %d\ndate: 2017-11-20\n" % (M, n))
        os.rename(tmp, minutes)
        for s in clients:
            try:
                while s.recv(65536): pass
            except BlockingIOError: pass
        time.sleep(0.1)
        if time.time() - last >= 10:
            c = cpu(p.pid)
            print("soak %3d s: CPU %.1f %% of a core, RSS %s, fds %d, threads %s" % (time.time()-start, (c-c_last)/(time.time()-last)*100, status(p.pid,"VmRSS"), fds(p.pid), status(p.pid,"Threads")))
            last = time.time(); c_last = c
    p.terminate(); p.wait()
