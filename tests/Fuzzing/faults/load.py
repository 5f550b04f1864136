#!/usr/bin/env python3
"""The steady load every fault run of scripts/faults.sh drives, and the checks after it.

For --seconds it submits inquiries at --rate per second; every --reply-every-th acknowledged
inquiry also gets an agent reply a moment later (GET the inquiry for its ETag, then
POST /api/agent/inquiries/{id}/replies with If-Match, with a staff JWT signed with Auth__SigningKey
from the environment). Each --at SECONDS COMMAND runs a shell command at that time (the fault and
the recovery), beside the load, not in its way. --poison publishes, at --poison-at, messages no
consumer can use straight to the InquirySubmitted exchange.

Then it checks, and prints one JSON line and one `RESULT key=value ...` line:
- statuses: any response >= 500 other than 503 problem details fails the run;
- every 201-acknowledged inquiry is in inquiry.mt_streams and its InquirySubmitted reached
  RabbitMQ (a queue bound to the contract's exchange before the load) at least once; twice fails
  unless --at-least-once-publishing (a broker restart or a killed publisher re-sends a page of
  the event log; consumers' inboxes drop the copy);
- the SMTP server's Maildir holds exactly one receipt and one staff alert per acknowledged inquiry
  and exactly one reply email per acknowledged reply. Copies are counted as they arrived at the
  server (a copy with the same Message-ID counts: the customer's inbox holds two emails), and how
  many duplicates shared a Message-ID is reported too;
- the consumers' _error queues hold exactly the poison messages (none without --poison).
Exit 1 on any failure.
"""
import argparse, base64, collections, email, email.policy, hashlib, hmac, json, os, re, subprocess, threading, time
import urllib.error, urllib.request, uuid

p = argparse.ArgumentParser()
p.add_argument("--inquiry", required=True)
p.add_argument("--management", required=True)      # http://127.0.0.1:6421
p.add_argument("--vhost", required=True)
p.add_argument("--psql", required=True)            # psql command prefix for the platform's database
p.add_argument("--mailbox", required=True)         # Maildir of the SMTP server
p.add_argument("--rate", type=int, default=50)
p.add_argument("--seconds", type=int, default=60)
p.add_argument("--reply-every", type=int, default=5, help="every Nth acknowledged inquiry gets an agent reply (0: none)")
p.add_argument("--at", nargs=2, action="append", default=[], metavar=("SECONDS", "COMMAND"))
p.add_argument("--poison", action="store_true")
p.add_argument("--poison-at", type=float, default=20)
p.add_argument("--mail-wait", type=int, default=150, help="seconds after the load (and the last --at) to wait for every email")
p.add_argument("--settle", type=int, default=5, help="seconds to wait for duplicates once every email is there")
p.add_argument("--settle-after-faults", type=int, default=0,
               help="and at least this long after the last fault step ended (or the load began): a send whose outcome was not "
                    "recorded is sent again when its claim (Notification:SendLease) expires")
p.add_argument("--customer", default="fault.run@example.com")
p.add_argument("--support", default="support@example.com")
p.add_argument("--at-least-once-publishing", action="store_true")
p.add_argument("--in-flight-seconds", type=float, default=10, help="notification-kill: how long before the kill an email counts as in flight (Smtp:Timeout)")
a = p.parse_args()

# ---------------------------------------------------------------- RabbitMQ management

mgmt_auth = "Basic " + base64.b64encode(b"guest:guest").decode()
def mgmt(method, path, body=None):
    req = urllib.request.Request(a.management + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": mgmt_auth, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        data = r.read()
        return json.loads(data) if data else None

def mgmt_retrying(method, path, body=None, seconds=90):
    """The management API is gone while the broker restarts; the checks wait for it."""
    deadline = time.time() + seconds
    while True:
        try:
            return mgmt(method, path, body)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.time() > deadline:
                raise
            time.sleep(2)

vhost = urllib.request.quote(a.vhost, safe="")
submitted_exchange = urllib.request.quote("SupportPlatform.Inquiry.Contracts:InquirySubmitted", safe="")
mgmt("PUT", f"/api/exchanges/{vhost}/{submitted_exchange}", {"type": "fanout", "durable": True})
mgmt("PUT", f"/api/queues/{vhost}/fault-run-submitted", {"durable": True})
mgmt("POST", f"/api/bindings/{vhost}/e/{submitted_exchange}/q/fault-run-submitted", {"routing_key": ""})

# ---------------------------------------------------------------- staff token (HS256, as StaffAuthentication.IssueToken)

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def staff_token():
    now = int(time.time())
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {"sub": str(uuid.uuid4()), "name": "장애 시험 상담원", "email": "fault.agent@staff.test", "role": "agent",
              "iss": "supportplatform-agent", "aud": "supportplatform", "nbf": now - 60, "iat": now, "exp": now + 3600}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims, ensure_ascii=False).encode())
    signature = hmac.new(os.environ["Auth__SigningKey"].encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)

token = staff_token()

# ---------------------------------------------------------------- the load

submission = json.dumps({"email": a.customer, "companyName": "장애 시험 주식회사", "summary": "장애 시험",
                         "details": "fault run", "consent": {"accepted": True, "policyVersion": "2024-01"}}).encode()
statuses = collections.Counter()          # every response of every request, by status (0: no response)
acknowledged, replies_acknowledged = [], {}   # inquiry ids; reply marker -> inquiry id
replies_attempted, replies_abandoned = 0, 0
bad = []
lock = threading.Lock()

def call(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, payload, reply_headers = r.status, r.read(), r.headers
    except urllib.error.HTTPError as e:
        status, payload, reply_headers = e.code, e.read(), e.headers
    except Exception as e:  # no response at all: refused while a service restarts, reset when it is killed
        status, payload, reply_headers = 0, str(e).encode(), {}
    with lock:
        statuses[status] += 1
        if status >= 500 and not (status == 503 and reply_headers.get("Content-Type", "").startswith("application/problem+json")):
            bad.append((method, url.replace(a.inquiry, ""), status, payload[:200]))
    return status, payload, reply_headers

def reply(inquiry_id):
    """An agent reads the inquiry and answers at the version read. A 503, a refused connection or a
    read model not caught up yet is tried again a little later, as an agent would."""
    global replies_attempted, replies_abandoned
    with lock:
        replies_attempted += 1
    marker = "fault-reply-" + uuid.uuid4().hex
    auth = {"Authorization": "Bearer " + token}
    for attempt in range(12):
        time.sleep(2 if attempt == 0 else 4)
        status, _, headers = call("GET", f"{a.inquiry}/api/agent/inquiries/{inquiry_id}", headers=auth)
        if status != 200:
            continue
        body = json.dumps({"body": f"**답변**: 확인했습니다. {marker}"}).encode()
        status, _, _ = call("POST", f"{a.inquiry}/api/agent/inquiries/{inquiry_id}/replies", body,
                            {**auth, "If-Match": headers.get("ETag", "")})
        if status == 200:
            with lock:
                replies_acknowledged[marker] = inquiry_id
            return
        if status == 0:
            return  # the request may have been stored before the connection died: not acknowledged, not retried
    with lock:
        replies_abandoned += 1

def submit(number):
    status, payload, _ = call("POST", a.inquiry + "/api/inquiries", submission)
    if status == 201:
        inquiry_id = json.loads(payload)["inquiryId"]
        with lock:
            acknowledged.append(inquiry_id)
            answer = a.reply_every and len(acknowledged) % a.reply_every == 0
        if answer:
            reply(inquiry_id)

# Poison: one body that is not JSON at all (the deserializer refuses it), and one well-formed
# InquirySubmitted that fails the consumer's validation (empty id, no address, no token, no summary).
def publish_poison():
    envelope = {"messageId": str(uuid.uuid4()), "messageType": ["urn:message:SupportPlatform.Inquiry.Contracts:InquirySubmitted"],
                "message": {"inquiryId": "00000000-0000-0000-0000-000000000000", "email": "not an address", "companyName": "",
                            "summary": "", "accessToken": "", "language": "ko", "submittedAt": "2026-01-01T00:00:00+09:00"}}
    for payload in ('{"messageId": "broken', json.dumps(envelope)):
        mgmt("POST", f"/api/exchanges/{vhost}/{submitted_exchange}/publish",
             {"properties": {"content_type": "application/vnd.masstransit+json", "message_id": str(uuid.uuid4()), "delivery_mode": 2},
              "routing_key": "", "payload": payload, "payload_encoding": "string"})
    print(f"load: published 2 poison messages at {time.time() - load_started:.0f} s", flush=True)

def run_actions():
    """The fault and its recovery, in order: a step waits for its time and for the step before it
    (a broker that takes 25 s to stop on a busy machine is not started again while it stops)."""
    steps = [(float(s), c) for s, c in a.at] + ([(a.poison_at, publish_poison)] if a.poison else [])
    for seconds, step in sorted(steps, key=lambda x: x[0]):
        time.sleep(max(0, load_started + seconds - time.time()))
        began = time.time() - load_started
        if callable(step):
            step()
            continue
        result = subprocess.run(step, shell=True)
        print(f"load: `{step}` (due at {seconds:g} s) ran {began:.0f}–{time.time() - load_started:.0f} s, exit {result.returncode}", flush=True)
        if result.returncode:
            action_failures.append(step)
    faults_done[0] = time.time()
faults_done = [None]
action_failures = []
load_started = time.time()
actions = threading.Thread(target=run_actions)
actions.start()

threads, start = [], load_started
for i in range(a.rate * a.seconds):
    due = start + i / a.rate
    now = time.time()
    if due > now:
        time.sleep(due - now)
    t = threading.Thread(target=submit, args=(i,))
    t.start()
    threads.append(t)
for t in threads:
    t.join()
load_seconds = time.time() - start
actions.join()

# ---------------------------------------------------------------- published?

expected = set(acknowledged)
published = collections.Counter()
deadline = time.time() + 90
while time.time() < deadline:
    for m in mgmt_retrying("POST", f"/api/queues/{vhost}/fault-run-submitted/get", {"count": 5000, "ackmode": "ack_requeue_false", "encoding": "auto"}):
        try:
            published[json.loads(m["payload"])["message"]["inquiryId"]] += 1
        except (ValueError, KeyError, TypeError):
            pass  # the poison messages pass through this queue too
    if expected <= set(published):
        break
    time.sleep(2)

# ---------------------------------------------------------------- emails at the SMTP server

parsed = {}  # Maildir file name -> (kind, key, message id); files in new/ never change once there
def read_mail():
    for folder in ("new", "cur"):
        path = os.path.join(a.mailbox, folder)
        for name in os.listdir(path) if os.path.isdir(path) else []:
            if name in parsed:
                continue
            with open(os.path.join(path, name), "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            text = message.get_body(preferencelist=("plain",)).get_content()
            message_id = str(message.get("Message-ID", ""))
            if a.support in str(message.get("To", "")):
                found = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text)
                parsed[name] = ("alert", found.group(0) if found else None, message_id)
            elif (marker := re.search(r"fault-reply-[0-9a-f]{32}", text)):
                parsed[name] = ("reply", marker.group(0), message_id)
            else:
                found = re.search(r"/inquiries/([0-9a-f-]{36})\?token=", text)
                parsed[name] = ("receipt", found.group(1) if found else None, message_id)
    copies = {"receipt": collections.defaultdict(list), "alert": collections.defaultdict(list), "reply": collections.defaultdict(list)}
    for name, (kind, key, message_id) in parsed.items():
        copies[kind][key].append((name, message_id))
    return copies

want = {"receipt": expected, "alert": expected, "reply": set(replies_acknowledged)}
deadline, mail_complete = time.time() + a.mail_wait, None
while True:
    copies = read_mail()
    if all(want[k] <= set(copies[k]) for k in want):
        mail_complete = time.time() - load_started
        break
    if time.time() > deadline:
        break
    time.sleep(3)
# A duplicate arrives after the first copy: a few seconds after a redelivery, a lease after a send
# whose outcome was lost.
time.sleep(max(a.settle, (faults_done[0] or load_started) + a.settle_after_faults - time.time()))
copies = read_mail()

# notification-kill: the sender died with emails in flight. One the server stored but never
# answered, and any whose 250 came but whose "sent" record did not, are sent again when their claim
# expires: SMTP's own at-least-once window, narrowed to what was in flight at the kill. Such an
# email may arrive twice, with one Message-ID, if its first copy came in the last
# --in-flight-seconds (Smtp:Timeout) before the kill; any other second copy is a duplicate.
killed_file = os.path.join(os.path.dirname(os.path.abspath(a.mailbox)), "sender-killed-at")
killed_at = float(open(killed_file).read()) if os.path.exists(killed_file) else None

def arrived_at(name):
    """When the SMTP server stored this Maildir file (it never changes once in new/)."""
    for folder in ("new", "cur"):
        path = os.path.join(a.mailbox, folder, name)
        if os.path.exists(path):
            return os.path.getmtime(path)
    return None

mail = {}
same_message_id = 0
resent_in_flight = 0
for kind in want:
    missing = len(want[kind] - set(copies[kind]))
    doubled = [sorted(copies[kind][k], key=lambda c: arrived_at(c[0]) or 0) for k in want[kind] if len(copies[kind][k]) > 1]
    same_message_id += sum(len(c) - len({m for _, m in c}) for c in doubled)
    in_flight = [c for c in doubled if len(c) == 2 and c[0][1] == c[1][1] and killed_at is not None
                 and killed_at - a.in_flight_seconds <= (arrived_at(c[0][0]) or 0) <= killed_at + 1]
    resent_in_flight += len(in_flight)
    mail[kind] = {"expected": len(want[kind]), "missing": missing, "duplicated": len(doubled) - len(in_flight),
                  "resent_in_flight_at_kill": len(in_flight), "extra_copies": sum(len(c) - 1 for c in doubled)}

# ---------------------------------------------------------------- error queues

error_queues = {}
for q in mgmt_retrying("GET", f"/api/queues/{vhost}"):
    if q["name"].endswith("_error"):
        held = mgmt_retrying("POST", f"/api/queues/{vhost}/{urllib.request.quote(q['name'], safe='')}/get",
                             {"count": 10000, "ackmode": "ack_requeue_true", "encoding": "auto"})
        if held:
            error_queues[q["name"]] = len(held)
poison_landed = error_queues.get("notification-inquiry-submitted_error", 0) if a.poison else 0
error_queue_unexpected = sum(error_queues.values()) - min(poison_landed, 2)

# ---------------------------------------------------------------- the verdict

ids = ",".join(f"'{i}'" for i in expected) or "NULL"
stored = int(subprocess.run(f"{a.psql} -Atc \"SELECT count(*) FROM inquiry.mt_streams WHERE id IN ({ids})\"", shell=True, check=True,
                            capture_output=True, text=True).stdout.strip())
not_stored = len(expected) - stored
unpublished = len(expected - set(published))
published_twice = sum(1 for i in expected if published[i] > 1)
lost = not_stored + unpublished + sum(m["missing"] for m in mail.values())
duplicated = sum(m["duplicated"] for m in mail.values())
failures = []
if bad: failures.append("5xx other than 503 problem details")
if lost: failures.append("lost")
if duplicated: failures.append("duplicate email")
if published_twice and not a.at_least_once_publishing: failures.append("published twice")
if a.poison and poison_landed < 2: failures.append(f"{poison_landed} of 2 poison messages in the error queue")
if error_queue_unexpected: failures.append(f"{error_queue_unexpected} messages other than poison in error queues")
if not expected: failures.append("nothing acknowledged")
if action_failures: failures.append("a fault step failed: " + action_failures[0])
if replies_attempted and not replies_acknowledged: failures.append("no reply acknowledged")

report = {"requests": sum(statuses.values()), "statuses": {str(k): v for k, v in sorted(statuses.items())},
          "load_seconds": round(load_seconds, 1), "every_email_by_s": mail_complete and round(mail_complete),
          "acknowledged": len(expected), "replies_acknowledged": len(replies_acknowledged),
          "replies_abandoned": replies_abandoned, "not_stored": not_stored, "unpublished": unpublished, "published_twice": published_twice,
          "mail": mail, "duplicates_with_same_message_id": same_message_id, "error_queues": error_queues,
          "server_errors_other_than_503_problem": len(bad), "samples": [f"{m} {u} {s}" for m, u, s, _ in bad[:5]], "failures": failures}
print(json.dumps(report, ensure_ascii=False), flush=True)
print(f"RESULT acknowledged={len(expected)}+{len(replies_acknowledged)}r lost={lost} duplicated={duplicated} "
      f"resent_in_flight_at_kill={resent_in_flight} "
      f"5xx_not_503={len(bad)} 503={statuses.get(503, 0)} no_response={statuses.get(0, 0)} "
      f"{'PASS' if not failures else 'FAIL: ' + '; '.join(failures)}", flush=True)
raise SystemExit(1 if failures else 0)
