// The reply box's saved-reply search, as the agent types (Korean prefix: GET /saved-replies/search).
// It only lists titles: picking one submits the form, and the server fills the variables from the
// inquiry, so no personal data passes through this script. Without it, the 찾기 button does the same.
(() => {
  const input = document.getElementById('SavedQuery');
  const results = document.getElementById('saved-results');
  const status = document.getElementById('saved-status');
  if (!input || !results || !status) return;
  let timer;
  let last = null;
  let controller;

  const button = (hit) => {
    const item = document.createElement('li');
    const pick = document.createElement('button');
    pick.type = 'submit';
    pick.name = 'savedReply';
    pick.value = hit.id;
    pick.className = 'secondary';
    pick.formNoValidate = true;
    pick.textContent = `+ ${hit.title} (${hit.team ? '팀' : '내 답변'})`;
    item.append(pick);
    return item;
  };

  const search = async () => {
    const query = input.value.trim();
    if (query === last) return;
    last = query;
    controller?.abort();
    controller = new AbortController();
    status.textContent = '찾는 중… (Searching…)';
    try {
      const response = await fetch(`${input.dataset.search}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: controller.signal,
      });
      if (!response.ok || response.redirected) throw new Error(`HTTP ${response.status}`);
      const hits = await response.json();
      results.replaceChildren(...hits.map(button));
      status.textContent = hits.length === 0 ? '찾은 답변이 없습니다. (No saved reply found.)' : `${hits.length}건 (${hits.length} found)`;
    } catch (error) {
      if (error.name !== 'AbortError') {
        last = null;
        status.textContent = '검색하지 못했습니다. 찾기 버튼을 누르세요. (Search failed; use Find.)';
      }
    }
  };

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 150); });
  input.addEventListener('focus', () => { if (last === null) search(); });
  // Enter searches at once instead of submitting the reply form.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.isComposing) { event.preventDefault(); clearTimeout(timer); last = null; search(); }
  });
})();
