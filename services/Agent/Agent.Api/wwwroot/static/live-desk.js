// The live desk: the queue and the inquiry page follow changes without a reload, and an inquiry
// page shows which colleagues have it open and who is typing. The server sends hints only
// (GET /live/events, Server-Sent Events); the page then fetches itself again and swaps the parts
// marked data-live-refresh. Forms are never touched: the version an agent answers on stays the one
// they saw, so the 412 screen still guards a double answer. If the stream is lost for good, the
// page says so and falls back to reloading while nothing is being written.
(() => {
  const status = document.getElementById('live-status');
  if (!status || !window.EventSource) return;
  const inquiry = status.dataset.inquiry || null;
  const presence = document.getElementById('presence');
  const notice = document.getElementById('live-notice');
  let connectionId = null;
  let hadError = false;

  const say = (text) => { status.textContent = text; };

  const summary = () => ({
    entries: document.querySelectorAll('#thread > li').length,
    status: document.getElementById('status')?.textContent ?? '',
    assignee: document.getElementById('assignee')?.textContent ?? '',
  });

  const changeText = {
    answered: '답변이 추가되었습니다. (A reply was added.)',
    'followed-up': '고객이 메시지를 보냈습니다. (The customer wrote.)',
    noted: '내부 메모가 추가되었습니다. (A note was added.)',
    assigned: '담당자가 바뀌었습니다. (The assignee changed.)',
    closed: '문의가 종료되었습니다. (The inquiry was closed.)',
    reopened: '문의가 다시 열렸습니다. (The inquiry was reopened.)',
    submitted: '새 문의가 도착했습니다. (A new inquiry arrived.)',
  };

  // Fetch the page again and swap its live parts. The queue's read model may trail the event by a
  // few seconds, so later fetches follow.
  let refreshing = null;
  const refreshOnce = async () => {
    const response = await fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!response.ok || response.redirected) throw new Error(`HTTP ${response.status}`);
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const part of document.querySelectorAll('[data-live-refresh][id]')) {
      const replacement = fresh.getElementById(part.id);
      if (replacement) part.replaceWith(document.importNode(replacement, true));
    }
  };
  const refresh = (change) => {
    const before = summary();
    const later = (ms) => () => new Promise((resolve) => setTimeout(resolve, ms)).then(refreshOnce);
    refreshing = (refreshing ?? Promise.resolve())
      .then(refreshOnce)
      .then(later(1500))
      .then(later(3500))
      .then(() => {
        const after = summary();
        const changed = inquiry ? JSON.stringify(before) !== JSON.stringify(after) : true;
        if (changed && notice && changeText[change]) {
          notice.textContent = inquiry ? `${changeText[change]} 보내기 전에 확인하세요. (Check before you send.)` : changeText[change];
          notice.hidden = false;
        }
      })
      .catch(() => say('화면을 새로 고치지 못했습니다. 페이지를 새로 고침하세요. (Could not update; reload the page.)'))
      .finally(() => { refreshing = null; });
  };

  const showPresence = (others) => {
    if (!presence) return;
    presence.replaceChildren(...others.map((other) => {
      const item = document.createElement('li');
      item.dataset.activity = other.activity;
      item.textContent = other.activity === 'typing'
        ? `${other.name} 님이 답변 작성 중입니다 (typing a reply)`
        : `${other.name} 님이 보고 있습니다 (viewing)`;
      return item;
    }));
  };

  // Reloading is the fallback, but never over text an agent is writing.
  const nothingWritten = () => [...document.querySelectorAll('textarea')].every((box) => box.value.trim() === '');
  let fallback = null;
  const fallBack = () => {
    say('실시간 연결이 끊겼습니다. 쓰던 내용이 없으면 1분마다 새로 고칩니다. (Live updates lost; reloading every minute while nothing is written.)');
    fallback ??= setInterval(() => { if (nothingWritten()) location.reload(); }, 60000);
  };

  const events = new EventSource(status.dataset.events, { withCredentials: true });
  events.addEventListener('hello', (event) => {
    connectionId = JSON.parse(event.data).connectionId;
    say('실시간 반영 중 (Live)');
    if (hadError) { hadError = false; refresh(null); }
  });
  events.addEventListener('inquiry', (event) => refresh(JSON.parse(event.data).change));
  events.addEventListener('presence', (event) => showPresence(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    hadError = true;
    if (events.readyState === EventSource.CLOSED) fallBack();
    else say('실시간 연결을 다시 여는 중… (Reconnecting…)');
  });

  // Typing: announced once when it starts, back to viewing after a pause.
  const body = document.getElementById('Body');
  const token = document.querySelector('input[name="__RequestVerificationToken"]')?.value;
  if (!inquiry || !body || !token) return;
  let typing = false;
  let pause = null;
  const report = (activity) => {
    if (!connectionId) return;
    fetch('/live/presence', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', RequestVerificationToken: token },
      body: JSON.stringify({ inquiryId: inquiry, connectionId, activity }),
    }).catch(() => {});
  };
  body.addEventListener('input', () => {
    if (!typing) { typing = true; report('typing'); }
    clearTimeout(pause);
    pause = setTimeout(() => { typing = false; report('viewing'); }, 10000);
  });
})();
