#!/usr/bin/env python3
"""Drives the fault runs of scripts/fault-*.sh: submissions at a steady rate through an outage.

Submits inquiries to the Inquiry service for --seconds at --rate per second, runs --stop at
--stop-at and --start --outage seconds later (PostgreSQL or RabbitMQ going away), then reports
every status seen, and checks that every 201-acknowledged inquiry exists in the database, that its
InquirySubmitted reached RabbitMQ exactly once (a queue bound to the contract's exchange before the
run) and, with --mailbox, that the SMTP server got exactly one receipt for it. Exit 1 on any
response >= 500 other than 503 problem details, or anything lost, unpublished or doubled.
"""
import email, email.policy, os, re
import argparse, base64, collections, json, subprocess, threading, time, urllib.request, urllib.error

p = argparse.ArgumentParser()
p.add_argument("--inquiry", required=True)
p.add_argument("--management", required=True)      # http://127.0.0.1:55673
p.add_argument("--vhost", required=True)
p.add_argument("--psql", required=True)            # psql command prefix for the service's database
p.add_argument("--stop", required=True)
p.add_argument("--start", required=True)
p.add_argument("--rate", type=int, default=20)
p.add_argument("--seconds", type=int, default=45)
p.add_argument("--stop-at", type=int, default=10)
p.add_argument("--outage", type=int, default=15)
p.add_argument("--mailbox", help="Maildir of the SMTP server; counts receipts per inquiry")
p.add_argument("--customer", default="fault.run@example.com")
p.add_argument("--at-least-once-publishing", action="store_true",
               help="a broker restart may make the publisher send an event again (consumers dedupe); report, do not fail")
a = p.parse_args()

auth = "Basic " + base64.b64encode(b"guest:guest").decode()
def mgmt(method, path, body=None):
    req = urllib.request.Request(a.management + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": auth, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        data = r.read()
        return json.loads(data) if data else None

vhost = urllib.request.quote(a.vhost, safe="")
exchange = urllib.request.quote("SupportPlatform.Inquiry.Contracts:InquirySubmitted", safe="")
mgmt("PUT", f"/api/exchanges/{vhost}/{exchange}", {"type": "fanout", "durable": True})
mgmt("PUT", f"/api/queues/{vhost}/fault-run-submitted", {"durable": True})
mgmt("POST", f"/api/bindings/{vhost}/e/{exchange}/q/fault-run-submitted", {"routing_key": ""})

body = json.dumps({"email": a.customer, "companyName": "장애 시험 주식회사", "summary": "장애 시험",
                   "details": "fault run", "consent": {"accepted": True, "policyVersion": "2024-01"}}).encode()
statuses = collections.Counter()
acknowledged, bad = [], []
lock = threading.Lock()

def submit():
    req = urllib.request.Request(a.inquiry + "/api/inquiries", data=body, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, payload, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        status, payload, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
    except Exception as e:  # no response at all
        status, payload, ctype = 0, str(e).encode(), ""
    with lock:
        statuses[status] += 1
        if status == 201:
            acknowledged.append(json.loads(payload)["inquiryId"])
        elif status >= 500 and not (status == 503 and ctype.startswith("application/problem+json")):
            bad.append((status, payload[:200]))

threads, start, stopped, restarted = [], time.time(), False, False
for i in range(a.rate * a.seconds):
    due = start + i / a.rate
    now = time.time()
    if due > now:
        time.sleep(due - now)
    if not stopped and now - start >= a.stop_at:
        stopped = True
        stopper = threading.Thread(target=lambda: subprocess.run(a.stop, shell=True, check=True))
        stopper.start()
    if stopped and not restarted and now - start >= a.stop_at + a.outage:
        restarted = True
        stopper.join()
        starter = threading.Thread(target=lambda: subprocess.run(a.start, shell=True, check=True))
        starter.start()
    t = threading.Thread(target=submit)
    t.start()
    threads.append(t)
for t in threads:
    t.join()
if restarted:
    starter.join()  # the server must be back before the checks read from it

# The publisher catches up after the outage; wait for the log to drain into the queue.
expected = set(acknowledged)
deadline, published = time.time() + 60, collections.Counter()
while time.time() < deadline:
    messages = mgmt("POST", f"/api/queues/{vhost}/fault-run-submitted/get", {"count": 5000, "ackmode": "ack_requeue_false", "encoding": "auto"})
    for m in messages:
        published[json.loads(m["payload"])["message"]["inquiryId"]] += 1
    if expected <= set(published):
        break
    time.sleep(2)

receipts = collections.Counter()
def count_receipts():
    receipts.clear()
    for folder in ("new", "cur"):
        path = os.path.join(a.mailbox, folder)
        for name in os.listdir(path) if os.path.isdir(path) else []:
            with open(os.path.join(path, name), "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            if a.customer not in str(message.get("To", "")):
                continue
            text = message.get_body(preferencelist=("plain",)).get_content()
            for found in set(re.findall(r"/inquiries/([0-9a-f-]{36})\?token=", text)):
                receipts[found] += 1

if a.mailbox:
    deadline = time.time() + 120
    while time.time() < deadline:
        count_receipts()
        if expected <= set(receipts):
            break
        time.sleep(3)
    time.sleep(5)  # a duplicate would arrive after the first copy
    count_receipts()

ids = ",".join(f"'{i}'" for i in expected) or "NULL"
stored = int(subprocess.run(f"{a.psql} -Atc \"SELECT count(*) FROM inquiry.mt_streams WHERE id IN ({ids})\"", shell=True, check=True,
                            capture_output=True, text=True).stdout.strip())
lost_stored = len(expected) - stored
lost_published = len(expected - set(published))
doubled = sum(1 for i in expected if published[i] > 1)
print(json.dumps({"requests": sum(statuses.values()), "statuses": dict(sorted(statuses.items())), "acknowledged": len(expected),
                  "stored": stored, "lost": lost_stored, "unpublished": lost_published, "published_twice": doubled,
                  "server_errors_other_than_503_problem": len(bad), "samples": [s for s, _ in bad[:5]],
                  **({"receipts_missing": len(expected - set(receipts)), "receipts_doubled": sum(1 for i in expected if receipts[i] > 1)} if a.mailbox else {})},
                 ensure_ascii=False))
mail_bad = a.mailbox and (expected - set(receipts) or any(receipts[i] > 1 for i in expected))
raise SystemExit(1 if bad or lost_stored or lost_published or (doubled and not a.at_least_once_publishing) or mail_bad or statuses.get(201, 0) == 0 else 0)
