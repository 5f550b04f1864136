"""aiosmtpd handlers for the Notification tests and the ReceiptLatency and ThreeYears benchmarks."""
import os
import time

from aiosmtpd.handlers import Mailbox


class Handler(Mailbox):
    """A Maildir sink that answers a permanent 550 for recipients whose local part starts with
    "reject", and stamps every accepted message with X-Received-At (Unix time, seconds)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@", 1)[0].lower().startswith("reject"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def prepare_message(self, session, envelope):
        message = super().prepare_message(session, envelope)
        message["X-Received-At"] = repr(time.time())
        return message


class Timing:
    """Accepts every message without storing it and appends "<recipient> <Unix time>" per recipient
    to DIR/received.log: the SMTP server's side of a latency measurement, with no Maildir or MIME
    parsing cost competing with the service under test."""

    def __init__(self, directory):
        os.makedirs(directory, exist_ok=True)
        self.log = open(os.path.join(directory, "received.log"), "a", buffering=1)

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        for recipient in envelope.rcpt_tos:
            self.log.write(f"{recipient} {now!r}\n")
        return "250 OK"


class Discard:
    """Accepts every message and keeps none: the ThreeYears generator's server, which is sent
    millions of emails nobody reads (the directory argument every SmtpServer passes is ignored)."""

    @classmethod
    def from_cli(cls, parser, *args):
        return cls()

    async def handle_DATA(self, server, session, envelope):
        return "250 OK"
