// 고객케어 라운지: small enhancements over pages that work without JavaScript.
// No inline code anywhere (CSP script-src 'self'); every text a screen reader needs goes through
// an aria-live region or aria-describedby.
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
    var form = document.querySelector('[data-enhance="inquiry-form"]');
    if (form) enhanceInquiryForm(form);
    var feedback = document.querySelector('[data-enhance="feedback"]');
    if (feedback) enhanceFeedback(feedback);
  });

  // 도움이 되었나요?: answer in place instead of reloading the article.
  function enhanceFeedback(form) {
    var status = form.parentNode.querySelector('.feedback__status');
    form.addEventListener('submit', function (event) {
      if (!event.submitter || !window.fetch) return;
      event.preventDefault();
      var body = new FormData(form);
      body.append('helpful', event.submitter.value);
      fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          form.hidden = true;
          status.textContent = '의견을 보내 주셔서 감사합니다.';
        })
        .catch(function () { status.textContent = '의견을 보내지 못했습니다. 잠시 후 다시 눌러 주세요.'; });
    });
  }

  function enhanceInquiryForm(form) {
    enhanceToolbar(form);
    enhanceRecommendations(form);
    var uploads = enhanceAttachments(form);
    guardConsent(form, uploads);
  }

  // 문의 상세: a toolbar that writes Markdown around the selection.
  function enhanceToolbar(form) {
    var toolbar = form.querySelector('.md-toolbar');
    var area = form.querySelector('#details');
    if (!toolbar || !area) return;
    toolbar.hidden = false;
    toolbar.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-md]');
      if (!button) return;
      var start = area.selectionStart, end = area.selectionEnd;
      var selected = area.value.slice(start, end);
      var kind = button.getAttribute('data-md');
      var text;
      if (kind === 'bold') text = '**' + (selected || '굵은 글씨') + '**';
      else if (kind === 'italic') text = '*' + (selected || '기울인 글씨') + '*';
      else if (kind === 'bullet') text = prefixLines(selected || '항목', function () { return '- '; });
      else if (kind === 'number') text = prefixLines(selected || '항목', function (i) { return (i + 1) + '. '; });
      else if (kind === 'link') text = '[' + (selected || '링크 이름') + '](https://)';
      else return;
      var atLineStart = start === 0 || area.value.charAt(start - 1) === '\n';
      if ((kind === 'bullet' || kind === 'number') && !atLineStart) text = '\n' + text;
      area.setRangeText(text, start, end, 'select');
      area.focus();
    });
  }

  function prefixLines(text, prefix) {
    return text.split('\n').map(function (line, i) { return prefix(i) + line; }).join('\n');
  }

  // 문의 요약: recommended articles while typing (debounced; the server decides when a text is long enough).
  function enhanceRecommendations(form) {
    var input = form.querySelector('#summary');
    var region = form.querySelector('#recommendations');
    var list = form.querySelector('#recommendation-list');
    var title = form.querySelector('#recommendations-title');
    if (!input || !region || !list) return;
    var timer = null, latest = 0, lastText = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 300);
    });

    function ask() {
      var text = input.value.trim();
      if (text === lastText) return;
      lastText = text;
      var ticket = ++latest;
      fetch('/recommendations?text=' + encodeURIComponent(text), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (articles) { if (ticket === latest) show(articles); })
        .catch(function () { /* recommendations are a help, never a blocker */ });
    }

    function show(articles) {
      list.textContent = '';
      articles.forEach(function (article) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = article.url;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = article.title;
        var hint = document.createElement('span');
        hint.className = 'visually-hidden';
        hint.textContent = ' (새 창에서 열림)';
        link.appendChild(hint);
        item.appendChild(link);
        list.appendChild(item);
      });
      // One article under the softer line is only possibly related; say so rather than recommend it.
      if (title) title.textContent = articles.length > 0 && articles[0].possiblyRelated ? '관련 있을 수 있는 문서' : '추천 문서';
      region.hidden = articles.length === 0;
    }
  }

  // 첨부 파일: drag and drop, each file uploaded at once with its progress; the form then carries
  // each id with its upload token (which proves to Inquiry that this visitor uploaded it).
  function enhanceAttachments(form) {
    var input = form.querySelector('#files');
    var zone = form.querySelector('[data-dropzone]');
    var list = form.querySelector('#attachment-list');
    var state = { pending: 0 };
    if (!input || !zone || !list) return state;
    var maxFiles = 5, maxBytes = 10 * 1024 * 1024;
    var token = form.querySelector('input[name="__RequestVerificationToken"]');
    // The native input stays usable and focusable; the styled button stands in for its look.
    input.classList.add('file-input');
    var button = zone.querySelector('.dropzone__button');
    if (button) button.hidden = false;

    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files);
      input.value = '';
      files.forEach(upload);
    });
    ['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add('dropzone--over'); });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove('dropzone--over'); });
    });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      Array.prototype.slice.call(event.dataTransfer.files).forEach(upload);
    });

    function count() { return list.querySelectorAll('input[name="AttachmentIds"]').length + state.pending; }

    function upload(file) {
      var item = document.createElement('li');
      var name = document.createElement('span');
      name.textContent = file.name;
      item.appendChild(name);
      list.appendChild(item);
      if (count() >= maxFiles) return fail(item, '첨부 파일은 ' + maxFiles + '개까지 올릴 수 있습니다.');
      if (file.size > maxBytes) return fail(item, '파일당 10MB까지 올릴 수 있습니다.');

      var progress = document.createElement('progress');
      progress.max = 100;
      progress.value = 0;
      progress.setAttribute('aria-label', file.name + ' 올리는 중');
      item.appendChild(progress);
      var body = new FormData();
      body.append('file', file);
      if (token) body.append('__RequestVerificationToken', token.value);
      var request = new XMLHttpRequest();
      request.open('POST', '/inquiries/new?handler=Upload');
      request.responseType = 'json';
      request.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) progress.value = Math.round(event.loaded / event.total * 100);
      });
      state.pending++;
      request.addEventListener('loadend', function () {
        state.pending--;
        progress.remove();
        var answer = request.response || {};
        if (request.status !== 200) return fail(item, answer.message || '파일을 올리지 못했습니다.');
        name.textContent = answer.fileName + ' (' + answer.size + ') 올림';
        item.appendChild(hidden('AttachmentIds', answer.attachmentId));
        item.appendChild(hidden('AttachmentNames', answer.fileName));
        item.appendChild(hidden('UploadTokens', answer.uploadToken));
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = '삭제';
        remove.setAttribute('aria-label', answer.fileName + ' 삭제');
        remove.addEventListener('click', function () { item.remove(); input.focus(); });
        item.appendChild(remove);
      });
      request.send(body);
    }

    function fail(item, message) {
      var error = document.createElement('span');
      error.className = 'field-error';
      error.textContent = message;
      item.appendChild(error);
    }

    function hidden(name, value) {
      var field = document.createElement('input');
      field.type = 'hidden';
      field.name = name;
      field.value = value;
      return field;
    }

    return state;
  }

  // No consent, nothing sent: say why beside the checkbox, and keep everything typed.
  function guardConsent(form, uploads) {
    var consent = form.querySelector('#consent');
    var error = form.querySelector('#consent-error');
    if (!consent || !error) return;
    consent.addEventListener('change', function () {
      if (consent.checked) { error.textContent = ''; consent.removeAttribute('aria-invalid'); }
    });
    form.addEventListener('submit', function (event) {
      if (!consent.checked) {
        event.preventDefault();
        error.textContent = '개인정보 수집·이용에 동의해야 문의를 접수할 수 있습니다. 동의하지 않으시면 문의 내용은 전송되지 않습니다.';
        consent.setAttribute('aria-invalid', 'true');
        var described = (consent.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        if (described.indexOf('consent-error') < 0) described.push('consent-error');
        consent.setAttribute('aria-describedby', described.join(' '));
        consent.focus();
      } else if (uploads.pending > 0) {
        event.preventDefault();
        error.textContent = '첨부 파일을 올리는 중입니다. 올리기가 끝나면 다시 제출해 주세요.';
      }
    });
  }
})();
