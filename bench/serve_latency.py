#!/usr/bin/env python3
"""Serve benchmark: time from saving a module to the `reload` event that `ingroup serve` sends.

For each course it starts `ingroup serve --port 0`, listens to /__ingroup/events like a page
does, then saves a module RUNS times (alternating two versions of one paragraph of its body)
and reports the median and maximum of the time from the save to the reload event. It also
times edits of a module's front matter, which rebuild the whole site.

Courses: the scaffold of `ingroup new`, a copy of the course at the repository root, and
courses of N modules from bench/gen_course.py.
This is a measuring script, not a test: numbers vary with the machine and its load.

usage: bench/serve_latency.py [N ...]      (default: 5000; needs target/release/ingroup)
"""
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = os.path.join(HERE, "..", "target", "release", "ingroup")
RUNS = 15
TIMEOUT = 30.0


def start_server(root):
    proc = subprocess.Popen([BINARY, "serve", "--root", root, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 120
    for line in proc.stdout:
        match = re.search(r"serving http://([\d.]+):(\d+)/", line)
        if match:
            return proc, (match.group(1), int(match.group(2)))
        if time.monotonic() > deadline:
            break
    proc.kill()
    raise SystemExit("the server did not print its address")


def listen(address, events):
    """Reads the event stream and puts (monotonic time, event name) on `events`."""
    sock = socket.create_connection(address)
    sock.sendall(b"GET /__ingroup/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
    buffer = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        now = time.monotonic()
        buffer += chunk
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            for line in block.split(b"\n"):
                if line.startswith(b"event: "):
                    events.put((now, line[7:].decode()))


def save(path, text):
    with open(path, "w") as f:
        f.write(text)


def measure(path, edits, events):
    """Saves each text of `edits` in turn; returns the latencies in ms."""
    latencies = []
    for text in edits:
        while not events.empty():
            events.get_nowait()
        started = time.monotonic()
        save(path, text)
        while True:
            at, name = events.get(timeout=TIMEOUT)
            if name == "reload":
                latencies.append((at - started) * 1000)
                break
            if name == "error":
                raise SystemExit(f"the edit of {path} broke the course")
        time.sleep(0.15)  # let the debouncer settle before the next save
    return latencies


def bench(label, root, module):
    proc, address = start_server(root)
    try:
        events = queue.Queue()
        threading.Thread(target=listen, args=(address, events), daemon=True).start()
        time.sleep(0.5)
        path = os.path.join(root, module)
        original = open(path).read()
        head, body = original.split("\n---\n", 1)
        body_edits = [head + "\n---\n" + body.replace("\n", f"\nEdit number {i}.\n", 1) for i in range(RUNS)]
        body_ms = measure(path, body_edits, events)
        front_edits = [head.replace("title: ", f"title: T{i} ", 1) + "\n---\n" + body for i in range(5)]
        front_ms = measure(path, front_edits, events)
        save(path, original)
        print(f"{label:<28} body edit: median {statistics.median(body_ms):7.1f} ms, max {max(body_ms):7.1f} ms   "
              f"front matter edit (full rebuild): median {statistics.median(front_ms):7.1f} ms")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def main():
    sizes = [int(n) for n in sys.argv[1:]] or [5000]
    with tempfile.TemporaryDirectory() as work:
        scaffold = os.path.join(work, "scaffold")
        subprocess.run([BINARY, "new", scaffold], check=True, stdout=subprocess.DEVNULL)
        bench("scaffold (2 modules)", scaffold, "content/01-welcome.md")
        repository = os.path.join(HERE, "..")
        if os.path.isfile(os.path.join(repository, "course.yaml")):
            course = os.path.join(work, "repository")
            os.makedirs(course)
            for name in ["course.yaml", "glossary.yaml", "references.yaml", "content", "quizzes", "themes"]:
                source = os.path.join(repository, name)
                if os.path.isdir(source):
                    shutil.copytree(source, os.path.join(course, name))
                elif os.path.isfile(source):
                    shutil.copy(source, course)
            module = sorted(f for f in os.listdir(os.path.join(course, "content")) if f.endswith(".md") and f != "index.md")[0]
            bench("repository course", course, f"content/{module}")
        for n in sizes:
            root = os.path.join(work, f"c{n}")
            subprocess.run([sys.executable, os.path.join(HERE, "gen_course.py"), str(n), root], check=True)
            middle = n // 2
            bench(f"generated ({n} modules)", root, f"content/{middle:05d}-m{middle}.md")


if __name__ == "__main__":
    main()
