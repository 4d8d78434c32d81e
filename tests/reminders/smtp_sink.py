#!/usr/bin/python3
"""A local SMTP sink for the reminder tests (aiosmtpd from Debian's python3-aiosmtpd).

Listens on 127.0.0.1:PORT and appends one JSON line per message it receives to LOG (flushed
and fsynced before it answers): message_id, to, subject, the link in the body and the body. With
--hold-at N it holds its answer to the N-th message until the file RELEASE exists, so a test
can kill the sender while that message is in flight. Exits on SIGTERM.
"""
import argparse
import asyncio
import email
import json
import os
import signal
import threading
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, log, hold_at, release):
        self.log, self.hold_at, self.release, self.count = log, hold_at, release, 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        body = message.get_payload(decode=True).decode("utf-8")
        link = next((line.split(": ", 1)[1] for line in body.splitlines()
                     if ": http" in line), "")
        self.count += 1
        with open(self.log, "a", encoding="utf-8") as out:
            out.write(json.dumps({"message_id": message["Message-ID"], "to": envelope.rcpt_tos,
                                  "subject": message["Subject"], "link": link,
                                  "body": body}) + "\n")
            out.flush()
            os.fsync(out.fileno())
        if self.count == self.hold_at:
            while not os.path.exists(self.release):
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


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
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--ready", required=True, help="file written once listening")
    parser.add_argument("--hold-at", type=int, default=0)
    parser.add_argument("--release", default="")
    parser.add_argument("--parent-pid", type=int, default=0)
    arguments = parser.parse_args()
    if arguments.parent_pid:
        exit_with_parent(arguments.parent_pid)
    controller = Controller(Sink(arguments.log, arguments.hold_at, arguments.release),
                            hostname="127.0.0.1", port=arguments.port)
    controller.start()
    with open(arguments.ready, "w", encoding="utf-8") as ready:
        ready.write("ready\n")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
