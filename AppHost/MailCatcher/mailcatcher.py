"""Catches the platform's outgoing mail for a person to look at (local runs only).

An SMTP server (aiosmtpd, Debian's python3-aiosmtpd) stores every message in a Maildir, and a small
web view lists the messages and shows each one decoded (UTF-8 headers, text and HTML parts), so
Korean subjects read as written. The AppHost runs it as an executable resource:

    python3 mailcatcher.py MAILDIR   (ports from SMTP_PORT and HTTP_PORT)

With MAIL_IN_PORT (and IMAP_HOST, IMAP_PORT, IMAP_USER, IMAP_PASSWORD) it also listens for mail *to*
the platform: every message it gets there is appended to the support mailbox over IMAP, where
Notification reads customers' emailed answers. A person answers an email as the customer would by
sending to that port (README: "Answer as a customer").
"""
import email.policy
import html
import http.server
import imaplib
import mailbox
import os
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

MAILDIR = sys.argv[1]
SMTP_PORT = int(os.environ["SMTP_PORT"])
HTTP_PORT = int(os.environ["HTTP_PORT"])
HOST = os.environ.get("MAIL_HOST", "127.0.0.1")
PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;margin:2rem}}td,th{{padding:.3rem .8rem;text-align:left}}
pre{{white-space:pre-wrap}}iframe{{width:100%;height:30rem;border:1px solid #ccc}}</style></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


def parsed(message):
    return email.message_from_bytes(message.as_bytes(), policy=email.policy.default)


class MailView(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        box = mailbox.Maildir(MAILDIR, create=True)
        if self.path in ("/", ""):
            # Maildir keys start with the arrival time in seconds: newest first.
            rows = [(parsed(box[key]), key) for key in sorted(box.keys(), reverse=True)]
            body = "<p>{} message(s), newest first.</p><table><tr><th>date</th><th>to</th><th>subject</th></tr>{}</table>".format(
                len(rows),
                "".join(
                    '<tr><td>{}</td><td>{}</td><td><a href="/m/{}">{}</a></td></tr>'.format(
                        html.escape(str(m["Date"] or "")), html.escape(str(m["To"] or "")), html.escape(key), html.escape(str(m["Subject"] or "(no subject)")))
                    for m, key in rows))
            return self.answer(200, PAGE.format(title="Caught mail", body=body))
        if self.path.startswith("/m/"):
            key = self.path[3:]
            try:
                message = parsed(box[key])
            except KeyError:
                return self.answer(404, PAGE.format(title="Not found", body='<p><a href="/">All mail</a></p>'))
            text = message.get_body(preferencelist=("plain",))
            rich = message.get_body(preferencelist=("html",))
            headers = "".join("<tr><th>{}</th><td>{}</td></tr>".format(html.escape(name), html.escape(str(message[name] or ""))) for name in ("From", "To", "Subject", "Date", "Message-ID"))
            body = '<p><a href="/">All mail</a></p><table>{}</table>'.format(headers)
            if text is not None:
                body += "<h2>Text</h2><pre>{}</pre>".format(html.escape(text.get_content()))
            if rich is not None:
                body += '<h2>HTML</h2><iframe sandbox title="HTML part" srcdoc="{}"></iframe>'.format(html.escape(rich.get_content(), quote=True))
            return self.answer(200, PAGE.format(title=html.escape(str(message["Subject"] or "(no subject)")), body=body))
        return self.answer(404, PAGE.format(title="Not found", body='<p><a href="/">All mail</a></p>'))

    def answer(self, status, page):
        payload = page.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        pass


class IntoSupportMailbox:
    """Appends each message received on the mail-in port to the support mailbox's INBOX."""

    async def handle_DATA(self, server, session, envelope):
        try:
            with imaplib.IMAP4(os.environ["IMAP_HOST"], int(os.environ["IMAP_PORT"])) as imap:
                imap.login(os.environ["IMAP_USER"], os.environ["IMAP_PASSWORD"])
                imap.append("INBOX", None, imaplib.Time2Internaldate(time.time()), envelope.original_content)
        except (OSError, imaplib.IMAP4.error) as error:
            print(f"mail in: the support mailbox did not take the message: {error}", flush=True)
            return "451 the support mailbox is not reachable; try again"
        return "250 delivered to the support mailbox"


def main():
    for part in ("tmp", "new", "cur"):  # a Maildir is these three folders
        os.makedirs(os.path.join(MAILDIR, part), exist_ok=True)
    smtp = Controller(Mailbox(MAILDIR), hostname=HOST, port=SMTP_PORT)
    smtp.start()
    mail_in = None
    if os.environ.get("MAIL_IN_PORT"):
        mail_in = Controller(IntoSupportMailbox(), hostname=HOST, port=int(os.environ["MAIL_IN_PORT"]))
        mail_in.start()
        print(f"mail in: SMTP on {HOST}:{mail_in.port} into the support mailbox", flush=True)
    web = http.server.ThreadingHTTPServer((HOST, HTTP_PORT), MailView)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    threading.Thread(target=web.serve_forever, daemon=True).start()
    print(f"SMTP on {HOST}:{SMTP_PORT}, web view on http://{HOST}:{HTTP_PORT}, Maildir {MAILDIR}", flush=True)
    stopping.wait()
    web.shutdown()
    smtp.stop()
    if mail_in is not None:
        mail_in.stop()


if __name__ == "__main__":
    main()
