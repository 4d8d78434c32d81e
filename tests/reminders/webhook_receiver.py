#!/usr/bin/python3
"""A local SMS gateway stand-in for the reminder tests: answers POSTs on 127.0.0.1 (a free
port, written to PORT_FILE), the first --fail-first of them with 503, the rest with 200, and
appends one JSON line per request to LOG: the Idempotency-Key and Authorization headers, the
status it answered and the JSON body. Exits on SIGTERM."""
import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer


def exit_with_parent(parent):
    """Exits once the test that started this helper is gone (aborted, killed, timed out), so
    no helper outlives its test and holds ctest's output pipe."""
    def watch():
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--parent-pid", type=int, default=0)
    arguments = parser.parse_args()
    if arguments.parent_pid:
        exit_with_parent(arguments.parent_pid)
    seen = {"count": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            seen["count"] += 1
            status = 503 if seen["count"] <= arguments.fail_first else 200
            with open(arguments.log, "a", encoding="utf-8") as out:
                out.write(json.dumps({"idempotency_key": self.headers.get("Idempotency-Key"),
                                      "authorization": self.headers.get("Authorization"),
                                      "status": status, "body": body}) + "\n")
                out.flush()
                os.fsync(out.fileno())
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(arguments.port_file + ".tmp", "w", encoding="utf-8") as port_file:
        port_file.write(str(server.server_address[1]))
    os.rename(arguments.port_file + ".tmp", arguments.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
