// Runs a questionnaire with SurveyJS (survey-core + survey-js-ui, loaded before this file) for respondents
// (/q/<token> shared link, /s/<token> personal link with autosave and resume) and for the researcher's preview.
// Page data comes from <script type="application/json" id="respond-data">; no inline script (CSP).
(function () {
  'use strict';
  var source = document.getElementById('respond-data');
  var container = document.getElementById('survey');
  if (!source || !container || !window.Survey) return;
  var data = JSON.parse(source.textContent || '{}');
  var Survey = window.Survey;
  var messages = data.messages || {};

  // The analysis properties every question may carry (registered on the server too: survey-custom-properties.ts).
  if (!Survey.Serializer.findProperty('question', 'dimension')) {
    Survey.Serializer.addProperty('question', { name: 'dimension', type: 'string', category: 'analysis' });
  }
  if (!Survey.Serializer.findProperty('question', 'reverse')) {
    Survey.Serializer.addProperty('question', { name: 'reverse:boolean', default: false, category: 'analysis' });
  }

  // SurveyJS injects its icon sprite with innerHTML; one icon carries a style attribute, which the CSP (no inline
  // styles) would block and report. The icons need no inline style, so it is removed before rendering.
  if (Survey.SvgRegistry && Survey.SvgRegistry.icons) {
    Object.keys(Survey.SvgRegistry.icons).forEach(function (name) {
      var markup = Survey.SvgRegistry.icons[name];
      if (typeof markup === 'string') Survey.SvgRegistry.icons[name] = markup.replace(/\sstyle="[^"]*"/g, '');
    });
  }

  var survey = new Survey.Model(data.schema);
  survey.locale = data.locale === 'zh-CN' ? 'zh-cn' : '';
  var statusBox = document.getElementById('respond-status');
  var errorBox = document.getElementById('respond-error') || document.getElementById('q-check');

  function setStatus(text) {
    if (statusBox) statusBox.textContent = text || '';
  }

  function showError(message, issues) {
    if (!errorBox) return;
    errorBox.hidden = false;
    errorBox.className = 'alert alert-error';
    errorBox.textContent = '';
    var p = document.createElement('p');
    p.textContent = message;
    errorBox.appendChild(p);
    if (issues && issues.length) {
      var list = document.createElement('ul');
      issues.forEach(function (issue) {
        var item = document.createElement('li');
        var question = issue.question ? survey.getQuestionByName(issue.question) : null;
        item.textContent = (question ? question.title : issue.question) + (issue.question ? ': ' : '') + issue.message;
        list.appendChild(item);
      });
      errorBox.appendChild(list);
    }
    errorBox.scrollIntoView({ block: 'center' });
  }

  function hideError() {
    if (errorBox) errorBox.hidden = true;
  }

  function csrfToken() {
    var field = document.querySelector('input[name=_csrf]');
    return field ? field.value : '';
  }

  function post(url, body) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'fetch' };
    if (data.mode === 'preview') headers['X-CSRF-Token'] = csrfToken();
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' }).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!res.ok) {
          var error = new Error((json && json.error && json.error.message) || messages.failed);
          error.issues = json && json.error && json.error.details && json.error.details.issues;
          error.status = res.status;
          throw error;
        }
        return json;
      });
    });
  }

  // Shared link: answers are kept only in this browser until submission (nothing is sent before).
  var storageKey = data.mode === 'shared' ? 'cahp-answers:' + location.pathname + ':v' + data.version : null;
  function saveLocal() {
    if (!storageKey) return;
    try { localStorage.setItem(storageKey, JSON.stringify({ data: survey.data, page: survey.currentPageNo })); } catch (e) { /* private mode */ }
  }
  if (storageKey) {
    try {
      var saved = JSON.parse(localStorage.getItem(storageKey) || 'null');
      if (saved && saved.data) {
        survey.data = saved.data;
        if (typeof saved.page === 'number') survey.currentPageNo = saved.page;
      }
    } catch (e) { /* ignore a broken entry */ }
  }

  // Personal link: resume the draft saved on the server (and the page, remembered in this browser), autosave as
  // the respondent goes.
  var pageKey = data.mode === 'personal' ? 'cahp-page:' + location.pathname : null;
  if (data.mode === 'personal' && data.draft) {
    survey.data = data.draft;
    try {
      var page = Number(localStorage.getItem(pageKey));
      if (page > 0 && page < survey.visiblePageCount) survey.currentPageNo = page;
    } catch (e) { /* private mode */ }
  }
  var timer = null;
  var saving = false;
  function autosave() {
    if (!data.autosaveUrl || saving) return;
    saving = true;
    post(data.autosaveUrl, { version: data.version, data: survey.data }).then(function () {
      saving = false;
      setStatus(messages.saved + ' ' + new Date().toLocaleTimeString());
    }, function (err) {
      saving = false;
      setStatus(messages.saveFailed + (err && err.message ? ' ' + err.message : ''));
    });
  }
  function scheduleSave() {
    saveLocal();
    if (!data.autosaveUrl) return;
    clearTimeout(timer);
    timer = setTimeout(autosave, 1200);
  }
  survey.onValueChanged.add(scheduleSave);
  survey.onCurrentPageChanged.add(function () {
    saveLocal();
    if (pageKey) { try { localStorage.setItem(pageKey, String(survey.currentPageNo)); } catch (e) { /* private mode */ } }
    if (data.autosaveUrl) { clearTimeout(timer); autosave(); }
  });

  // Submission: the server validates again; the survey completes only once the server has accepted the answers.
  var accepted = false;
  survey.onCompleting.add(function (sender, options) {
    if (accepted) return;
    options.allow = false;
    hideError();
    if (data.mode === 'preview') {
      post(data.checkUrl, { version: data.version, data: sender.data }).then(function (result) {
        if (result && result.ok) {
          if (errorBox) { errorBox.hidden = false; errorBox.className = 'alert alert-success'; errorBox.textContent = messages.accepted; }
          accepted = true;
          sender.doComplete();
        } else {
          showError(messages.rejected, result && result.issues);
        }
      }, function (err) { showError(err.message, err.issues); });
      return;
    }
    clearTimeout(timer);
    setStatus(messages.sending);
    post(data.submitUrl, { version: data.version, data: sender.data }).then(function () {
      accepted = true;
      setStatus('');
      if (storageKey) { try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ } }
      sender.doComplete();
    }, function (err) {
      setStatus('');
      showError(err.message || messages.failed, err.issues);
    });
  });

  // Preview: switch the survey's language without reloading.
  document.querySelectorAll('[data-survey-locale]').forEach(function (button) {
    button.addEventListener('click', function () { survey.locale = button.getAttribute('data-survey-locale'); });
  });

  survey.render(container);
  container.setAttribute('data-ready', '1');
})();
