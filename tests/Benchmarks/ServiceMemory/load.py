#!/usr/bin/env python3
"""The load of scripts/service-memory.sh, and the peak RSS of each service process under it.

The platform runs as one or more sides (--side NAME INQUIRY KNOWLEDGE AGENT LOUNGE: the base
addresses of one copy of the services, e.g. the code before and after a change). Every request goes
to every side, in alternating order, so all sides get the same load under the same conditions of the
machine. For --seconds, beside each other:
- customers submit inquiries to Inquiry at --rate per second (Korean text, consent given); each
  published InquirySubmitted goes on to Knowledge (suggestions) and Notification (receipt and
  staff alert, through the SMTP sink);
- --agents signed-in agents load desk pages in a loop: the queue (/, a page among the first
  ten) and an inquiry page (/inquiries/{id}: thread, Knowledge's suggestions, Notification's
  delivery status) of a recently submitted inquiry;
- visitors ask for recommendations as they type, from Knowledge (/api/recommendations) and from the
  Lounge (/recommendations), and load the Lounge's front page and search page.
Every second it reads VmRSS and VmHWM of each service's process (--pid SIDE/SERVICE PID) from
/proc/<pid>/status; at the end it prints, per side and service, the peak (VmHWM: the kernel's own
high-water mark of resident memory) and the last RSS, and per side the requests, failures and
p50/p95 of the response times per kind. Exit 1 if a service died or a request failed (no answer,
4xx, 5xx, or the desk sent back to sign-in).
"""
import argparse, collections, http.cookiejar, json, random, re, ssl, threading, time, urllib.error, urllib.parse, urllib.request

p = argparse.ArgumentParser()
p.add_argument("--side", nargs=5, action="append", required=True, metavar=("NAME", "INQUIRY", "KNOWLEDGE", "AGENT", "LOUNGE"))
p.add_argument("--agent-email", required=True)
p.add_argument("--agent-password", required=True)
p.add_argument("--pid", nargs=2, action="append", required=True, metavar=("SIDE/SERVICE", "PID"))
p.add_argument("--seconds", type=int, default=120)
p.add_argument("--rate", type=int, default=20, help="submissions per second (to each side)")
p.add_argument("--agents", type=int, default=4)
p.add_argument("--visitors", type=int, default=4)
a = p.parse_args()
Side = collections.namedtuple("Side", "name inquiry knowledge agent lounge")
sides = [Side(*s) for s in a.side]

PRODUCTS = ["방화벽", "메일 보안 게이트웨이", "VPN 게이트웨이", "백업 서버", "웹 방화벽", "스팸 필터"]
SYMPTOMS = ["접속이 자주 끊깁니다", "정책 적용 후 메일이 수신되지 않습니다", "라이선스 만료 경고가 계속 나옵니다",
            "업데이트 후 관리 화면이 열리지 않습니다", "로그 백업이 실패합니다", "스팸 메일이 많이 들어옵니다"]
TYPED = ["메일", "메일 수신", "스팸", "스팸 차단", "VPN 접속", "라이선스", "백업 실패", "방화벽 정책", "업데이트 오류"]

counts = collections.Counter()      # (side, kind) -> requests
failures = collections.Counter()
seconds_taken = collections.defaultdict(list)  # (side, kind) -> response times in seconds
submitted = {side.name: [] for side in sides}  # ids of acknowledged inquiries, newest last
lock = threading.Lock()
stop_at = time.monotonic() + a.seconds


def call(side, kind, opener, method, url, body=None, headers=None, timeout=30):
    request = urllib.request.Request(url, method=method, data=body, headers=headers or {})
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read()
            # A desk page that sent us back to the sign-in form was not served.
            status = 401 if kind.startswith("desk") and "sign-in" not in kind and "/account/login" in response.url else response.status
    except urllib.error.HTTPError as e:
        data, status = e.read(), e.code
    except (urllib.error.URLError, OSError):
        data, status = b"", 0
    taken = time.monotonic() - started
    with lock:
        counts[side.name, kind] += 1
        seconds_taken[side.name, kind].append(taken)
        if status == 0 or status >= 400:
            failures[side.name, kind] += 1
    return status, data


def in_turn(number):
    """The sides in the order of this round: alternating, so no side is always served second."""
    return sides if number % 2 == 0 else sides[::-1]


def submitter():
    opener = urllib.request.build_opener()
    rng = random.Random(26)
    number = 0
    start = time.monotonic()
    while time.monotonic() < stop_at:
        number += 1
        product = rng.choice(PRODUCTS)
        body = json.dumps({
            "email": f"memory.{number}@example.com", "companyName": "한빛정보통신 주식회사",
            "summary": f"{product} {rng.choice(SYMPTOMS)}",
            "details": f"안녕하세요. {product} 사용 중 문제가 있어 문의드립니다.\n\n- 서버: 10.0.{rng.randint(0, 255)}.{rng.randint(1, 254)}\n"
                       f"- 버전: 5.{rng.randint(0, 9)}.{rng.randint(0, 30)}\n\n어제 오후부터 {rng.choice(SYMPTOMS)}. 확인 부탁드립니다.",
            "consent": {"accepted": True, "policyVersion": "2024-01"}}, ensure_ascii=False).encode()
        for side in in_turn(number):
            status, data = call(side, "submission", opener, "POST", side.inquiry + "/api/inquiries", body, {"Content-Type": "application/json"})
            if status == 201:
                with lock:
                    submitted[side.name].append(json.loads(data)["inquiryId"])
        # Paced to the rate, not as fast as possible: memory under a steady desk, not at saturation.
        delay = start + number / a.rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)


def signed_in_desk(side, index):
    jar = http.cookiejar.CookieJar()
    # The desk runs on loopback with a certificate made for the run.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), urllib.request.HTTPSHandler(context=ssl._create_unverified_context()))
    _, page = call(side, "desk sign-in", opener, "GET", side.agent + "/account/login")
    token = re.search(rb'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page)
    form = urllib.parse.urlencode({"Email": a.agent_email, "Password": a.agent_password,
                                   "__RequestVerificationToken": token.group(1).decode() if token else ""}).encode()
    # Once per agent, before its pages: on a saturated machine the password hash alone took over 30 s.
    status, _ = call(side, "desk sign-in", opener, "POST", side.agent + "/account/login", form, {"Content-Type": "application/x-www-form-urlencoded"}, timeout=180)
    if index == 0:
        print(f"desk sign-in ({side.name}): {status}, cookies {sorted(c.name for c in jar)}", flush=True)
    return opener


def agent(index):
    openers = {side.name: signed_in_desk(side, index) for side in sides}
    rng = random.Random(index)
    number = index
    while time.monotonic() < stop_at:
        number += 1
        page = rng.randint(1, 10)
        back = rng.randint(1, 200)  # the same place among each side's recent inquiries
        for side in in_turn(number):
            call(side, "desk queue page", openers[side.name], "GET", f"{side.agent}/?page={page}")
            with lock:
                recent = submitted[side.name][-200:]
            if recent:
                call(side, "desk inquiry page", openers[side.name], "GET", f"{side.agent}/inquiries/{recent[-min(back, len(recent))]}")


def visitor(index):
    opener = urllib.request.build_opener()
    rng = random.Random(100 + index)
    number = index
    while time.monotonic() < stop_at:
        number += 1
        text = urllib.parse.quote(rng.choice(TYPED))
        pages = rng.random() < 0.2
        for side in in_turn(number):
            call(side, "recommendations (Knowledge)", opener, "GET", f"{side.knowledge}/api/recommendations?text={text}")
            call(side, "recommendations (Lounge)", opener, "GET", f"{side.lounge}/recommendations?text={text}")
            if pages:
                call(side, "lounge pages", opener, "GET", side.lounge + "/")
                call(side, "lounge pages", opener, "GET", f"{side.lounge}/search?q={text}")


def status_of(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024
    except (OSError, KeyError):
        return None


threads = [threading.Thread(target=submitter)] + [threading.Thread(target=agent, args=(i,)) for i in range(a.agents)] \
    + [threading.Thread(target=visitor, args=(i,)) for i in range(a.visitors)]
for t in threads:
    t.start()
last = {name: None for name, _ in a.pid}
died = []
while any(t.is_alive() for t in threads):
    for name, pid in a.pid:
        now = status_of(pid)
        if now is None and name not in died:
            died.append(name)
        last[name] = now or last[name]
    time.sleep(1)

def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0


print(f"load: {a.seconds} s, submissions at {a.rate}/s, {a.agents} agents, {a.visitors} visitors, to each of {len(sides)} side(s)")
for side in sides:
    print(f"side {side.name}: {len(submitted[side.name])} inquiries acknowledged")
    for kind in sorted(k for s_, k in counts if s_ == side.name):
        taken = seconds_taken[side.name, kind]
        print(f"  {kind:30} {counts[side.name, kind]:7} requests, {failures[side.name, kind]} failed, "
              f"p50 {percentile(taken, 0.5):7.1f} ms, p95 {percentile(taken, 0.95):7.1f} ms")
print("service                      peak RSS (VmHWM)   RSS at the end")
for name, _ in a.pid:
    rss, hwm = last[name] or (0, 0)
    print(f"  {name:26} {hwm:8} MB {'' if hwm < 250 else '(over 250 MB)':14} {rss:8} MB{'   DIED' if name in died else ''}")
print("RESULT " + " ".join(f"{name}={(last[name] or (0, 0))[1]}" for name, _ in a.pid))
raise SystemExit(1 if died or sum(failures.values()) else 0)
