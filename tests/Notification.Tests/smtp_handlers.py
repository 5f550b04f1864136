"""aiosmtpd handlers for the Notification tests and the ReceiptLatency benchmark."""
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
