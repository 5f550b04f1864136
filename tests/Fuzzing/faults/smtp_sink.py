#!/usr/bin/env python3
"""The SMTP server of the fault runs (scripts/faults.sh): stores every message in a Maildir, as
aiosmtpd's Mailbox handler does, and can kill the sender inside the one window no SMTP client can
close on its own.

With --kill-at N it stores the Nth message, then SIGKILLs the process whose id is in --kill-pidfile
*before* answering 250 to DATA: the server has the email, the sender never learns it. Then it runs
--after-kill (restarting the sender) and answers 250 to a dead connection. A sender that records
"sent" only after the 250 cannot tell this email from one the server never got; how it resends
decides whether the recipient gets a duplicate. Loopback only.

    smtp_sink.py --port 6430 --maildir DIR [--kill-at N --kill-pidfile FILE --after-kill CMD]
"""
import argparse, asyncio, mailbox, os, signal, subprocess, sys, time

from aiosmtpd.smtp import SMTP

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--maildir", required=True)
p.add_argument("--kill-at", type=int, default=0, help="kill the sender when this message (1-based) has arrived")
p.add_argument("--kill-pidfile")
p.add_argument("--after-kill", help="shell command run once the sender is dead (e.g. start it again)")
a = p.parse_args()


class MaildirWithKill:
    def __init__(self):
        self.box = mailbox.Maildir(a.maildir, create=True)
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        # Maildir.add writes to tmp/ and renames into new/: a copy is either whole or absent.
        self.box.add(envelope.original_content or envelope.content)
        self.received += 1
        if a.kill_at and self.received == a.kill_at:
            # When the sender died: the checker (load.py) lets an email that was in flight then (its
            # first copy stored in the last Smtp:Timeout before the kill) arrive twice with one
            # Message-ID — the window no SMTP client can close — and nothing else.
            with open(os.path.join(os.path.dirname(os.path.abspath(a.maildir)), "sender-killed-at"), "w") as f:
                f.write(repr(time.time()))
            with open(a.kill_pidfile) as f:
                pid = int(f.read().strip())
            os.kill(pid, signal.SIGKILL)
            print(f"smtp_sink: message {self.received} stored; SIGKILL sent to {pid} before answering 250", flush=True)
            if a.after_kill:
                subprocess.Popen(a.after_kill, shell=True, start_new_session=True)
            await asyncio.sleep(1)
        return "250 Message accepted for delivery"


async def main():
    handler = MaildirWithKill()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="fault-sink.local", data_size_limit=10 * 1024 * 1024),
                                      host="127.0.0.1", port=a.port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"smtp_sink: listening on 127.0.0.1:{a.port}", flush=True)
    await stop.wait()
    server.close()
    print(f"smtp_sink: stopped after {handler.received} messages", flush=True)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
