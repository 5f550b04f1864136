#!/usr/bin/env python3
"""The driver of scripts/faults.sh's imap-restart scenario: customers' emailed answers read from the
support mailbox while the IMAP server restarts.

It submits --inquiries inquiries (each from an address of its own: the per-sender limit is not what
is tested), waits for their receipts in the SMTP server's Maildir, stops Notification, appends one
answer per receipt to the support mailbox (IMAP APPEND, from the customer to the receipt's Reply-To
address) and starts Notification again: a backlog. Each time the inquiries hold another quarter of
the answers (two restarts: at 25 % and 50 %), it runs --restart (the IMAP server's container
restarted in the middle of the reader's fetches), and then waits for the rest.

Then it checks, and prints one `RESULT key=value ...` line:
- every answer landed exactly once: one emailed CustomerReplied per inquiry in its event stream,
  none held (0 lost, 0 duplicated), and after --settle seconds still one;
- the mailbox is empty: INBOX (every message handled and deleted) and the poison folder.
Exit 1 on any failure.
"""
import argparse, email, email.policy, imaplib, json, mailbox, subprocess, time, urllib.request, uuid

p = argparse.ArgumentParser()
p.add_argument("--inquiry", required=True)
p.add_argument("--psql", required=True)            # psql command prefix for the platform's database
p.add_argument("--maildir", required=True)         # Maildir of the SMTP server
p.add_argument("--imap-port", type=int, required=True)
p.add_argument("--user", default="support")
p.add_argument("--password", default="support")
p.add_argument("--inquiries", type=int, default=400)
p.add_argument("--restart", required=True, help="shell command restarting the IMAP server")
p.add_argument("--stop-reader", required=True, help="shell command stopping Notification")
p.add_argument("--start-reader", required=True, help="shell command starting Notification (and waiting for it)")
p.add_argument("--wait", type=int, default=150, help="seconds to wait for every answer after the last restart")
p.add_argument("--settle", type=int, default=10)
a = p.parse_args()
started = time.time()

def log(text): print(f"[{time.time() - started:6.1f}s] {text}", flush=True)

def sql(query):
    done = subprocess.run(f"{a.psql} -Atc \"{query}\"", shell=True, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"psql failed: {done.stderr.strip()[:500]}")
    return done.stdout.strip()

def submit(i):
    body = {"email": f"fault.{run}.{i}@customer.test", "companyName": "장애 시험 주식회사", "summary": f"메일 회신 시험 {i}",
            "details": "메일 회신이 정확히 한 번 붙는지 봅니다.", "consent": {"accepted": True, "policyVersion": "2024-01"}}
    req = urllib.request.Request(a.inquiry + "/api/inquiries", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())["inquiryId"]

def receipts():
    """Per customer address: the receipt's Reply-To, Message-ID and subject."""
    found = {}
    for message in mailbox.Maildir(a.maildir, create=False):
        parsed = email.message_from_bytes(bytes(message), policy=email.policy.default)
        to, reply_to = str(parsed["To"] or ""), parsed["Reply-To"]
        if reply_to and f"fault.{run}." in to:
            found[parsed["To"].addresses[0].addr_spec] = (reply_to.addresses[0].addr_spec, parsed["Message-ID"], str(parsed["Subject"]))
    return found

def imap():
    for attempt in range(60):
        try:
            client = imaplib.IMAP4("127.0.0.1", a.imap_port)
            client.login(a.user, a.password)
            return client
        except (OSError, imaplib.IMAP4.error):
            time.sleep(1)
    raise SystemExit("the IMAP server did not answer")

def count(folder):
    client = imap()
    try:
        status, data = client.status(folder, "(MESSAGES)")
        return int(data[0].split(b"MESSAGES ")[1].rstrip(b")")) if status == "OK" else 0
    finally:
        client.logout()

def landed():
    """Emailed CustomerReplied events per inquiry of this run, and held emails."""
    rows = sql("SELECT e.stream_id::text || ' ' || count(*) FROM inquiry.mt_events e WHERE e.type = 'customer_replied' "
               "AND e.data->>'channel' = 'email' AND e.stream_id IN (" + ids + ") GROUP BY e.stream_id")
    held = int(sql("SELECT count(*) FROM inquiry.mt_events WHERE type = 'customer_email_held' AND stream_id IN (" + ids + ")"))
    return {line.split()[0]: int(line.split()[1]) for line in rows.splitlines() if line}, held

run = uuid.uuid4().hex[:8]
inquiries = {f"fault.{run}.{i}@customer.test": submit(i) for i in range(a.inquiries)}
ids = ",".join(f"'{i}'" for i in inquiries.values())
log(f"{len(inquiries)} inquiries submitted")
deadline = time.time() + 120
while len(found := receipts()) < len(inquiries) and time.time() < deadline:
    time.sleep(1)
if len(found) < len(inquiries):
    raise SystemExit(f"only {len(found)} of {len(inquiries)} receipts arrived")

subprocess.run(a.stop_reader, shell=True, check=True)
client = imap()
for address, (reply_to, message_id, subject) in found.items():
    answer = (f"From: {address}\r\nTo: {reply_to}\r\nSubject: RE: {subject}\r\nIn-Reply-To: {message_id}\r\n"
              f"Message-ID: <{uuid.uuid4().hex}@customer.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
              f"확인했습니다. 감사합니다.\r\n\r\n-----원본 메시지-----\r\n보낸 사람: 고객케어 라운지\r\n").encode()
    client.append("INBOX", None, None, answer)
client.logout()
log(f"{len(found)} answers appended to the stopped reader's mailbox; starting Notification")
subprocess.run(a.start_reader, shell=True, check=True)

restarts = []
for share in (0.25, 0.5):
    deadline = time.time() + a.wait
    while sum(landed()[0].values()) < share * len(inquiries) and time.time() < deadline:
        time.sleep(0.2)
    done = sum(landed()[0].values())
    log(f"{done} answers landed; restarting the IMAP server")
    subprocess.run(a.restart, shell=True, check=True)
    restarts.append(done)

deadline = time.time() + a.wait
while sum(landed()[0].values()) < len(inquiries) and time.time() < deadline:
    time.sleep(1)
log("waiting for duplicates")
time.sleep(a.settle)
per_inquiry, held = landed()
lost = sum(1 for i in inquiries.values() if per_inquiry.get(i, 0) == 0)
duplicated = sum(n - 1 for n in per_inquiry.values() if n > 1)
inbox, poison = count("INBOX"), count("Unprocessed")
ok = lost == 0 and duplicated == 0 and held == 0 and inbox == 0 and poison == 0
print(f"RESULT answers={len(inquiries)} restarts_at={'/'.join(map(str, restarts))} lost={lost} duplicated={duplicated} "
      f"held={held} inbox_left={inbox} set_aside={poison} {'PASS' if ok else 'FAIL'}", flush=True)
raise SystemExit(0 if ok else 1)
