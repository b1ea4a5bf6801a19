// The expert questionnaire: one SurveyJS page per block of the frozen hierarchy, each pair on a 17-point two-sided
// scale, a review page, autosave (debounced ~600 ms) and the server's consistency feedback. The browser's own CR
// (ExpertConsistency) is only an estimate shown until the server answers; the server's values are the truth.
(function () {
  'use strict';
  var source = document.getElementById('expert-data');
  var container = document.getElementById('expert-survey');
  if (!source || !container || !window.Survey || !window.ExpertConsistency) return;
  var data = JSON.parse(source.textContent || '{}');
  var T = data.text;
  var STEPS = [9, 8, 7, 6, 5, 4, 3, 2];
  var DEBOUNCE_MS = 600;

  function fill(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(params, k) ? String(params[k]) : m; });
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"'{}]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '{': '&#123;', '}': '&#125;' }[c]; });
  }
  function fmtCr(x) { return x === null || x === undefined ? '—' : x.toFixed(3); }
  function codeOf(value) {
    if (value === null) return 'NA';
    if (value === undefined) return undefined;
    if (Math.abs(value - 1) < 1e-9) return 'EQ';
    return value > 1 ? 'L' + Math.round(value) : 'R' + Math.round(1 / value);
  }
  function valueOf(code) {
    if (code === 'NA') return null;
    if (code === 'EQ') return 1;
    var k = Number(code.slice(1));
    return code.charAt(0) === 'L' ? k : 1 / k;
  }
  function valueText(value, left, right) {
    if (value === null) return T.noOpinion;
    if (Math.abs(value - 1) < 1e-9) return fill(T.equal, { left: left, right: right });
    return value > 1 ? fill(T.timesAs, { a: left, b: right, k: Math.round(value) }) : fill(T.timesAs, { a: right, b: left, k: Math.round(1 / value) });
  }

  // ---- the survey model
  var blockById = {}, pairByName = {};
  var pages = data.blocks.map(function (block) {
    blockById[block.id] = block;
    var elements = [];
    var kids = block.children;
    // A short explanation of the elements compared on this page (names and descriptions are escaped).
    var described = kids.some(function (c) { return c.description; });
    elements.push({
      type: 'html',
      name: 'about_' + block.id,
      html: described
        ? '<dl class="expert-elements">' + kids.map(function (c) {
          return '<dt>' + escapeHtml(c.name) + '</dt><dd>' + escapeHtml(c.description || '') + '</dd>';
        }).join('') + '</dl>'
        : '<p class="expert-elements-inline">' + escapeHtml(T.elementsCompared) + ' ' + kids.map(function (c) { return '<strong>' + escapeHtml(c.name) + '</strong>'; }).join(' · ') + '</p>',
    });
    for (var i = 0; i < kids.length; i++) {
      for (var j = i + 1; j < kids.length; j++) {
        var name = 'q_' + block.id + '_' + kids[i].id + '_' + kids[j].id;
        pairByName[name] = { block: block.id, i: i, j: j, left: kids[i], right: kids[j] };
        var choices = STEPS.map(function (k) { return { value: 'L' + k, text: String(k) }; });
        choices.push({ value: 'EQ', text: '1' });
        STEPS.slice().reverse().forEach(function (k) { choices.push({ value: 'R' + k, text: String(k) }); });
        if (data.round.allowNoOpinion) choices.push({ value: 'NA', text: T.noOpinion });
        elements.push({
          type: 'radiogroup',
          name: name,
          title: fill(T.compare, { left: kids[i].name, right: kids[j].name }),
          colCount: 0,
          choices: choices,
        });
      }
    }
    var description = block.description ? block.description + ' ' : '';
    return { name: 'p' + block.id, title: fill(T.blockOf, { name: block.name }), description: description + T.pageTitle, elements: elements };
  });
  pages.push({ name: 'review', title: T.review, description: T.reviewLead, elements: [{ type: 'html', name: 'reviewBox', html: '<div id="expert-review" class="expert-review"></div>' }] });

  // SurveyJS injects its icon set as SVG markup; the (unused) timer icon carries a style attribute, which the CSP
  // (style-src 'self') would block and report. Strip style attributes from the icon markup before rendering.
  var icons = window.Survey.SvgRegistry && window.Survey.SvgRegistry.icons;
  if (icons) Object.keys(icons).forEach(function (key) { icons[key] = String(icons[key]).replace(/\sstyle="[^"]*"/g, ''); });

  var survey = new window.Survey.Model({
    pages: pages,
    showQuestionNumbers: 'off',
    showProgressBar: true,
    progressBarLocation: 'top',
    progressBarType: 'pages',
    questionsOnPageMode: 'standard',
    completeText: T.submit,
    showCompletePage: false,
    widthMode: 'responsive',
  });
  survey.locale = data.surveyLocale;
  var initial = {};
  Object.keys(data.answers).forEach(function (key) {
    var name = 'q_' + key;
    if (pairByName[name]) initial[name] = codeOf(data.answers[key]);
  });
  survey.data = initial;
  var resumeIndex = data.blocks.findIndex(function (b) { return b.id === data.currentNodeId; });
  if (resumeIndex > 0) survey.currentPageNo = resumeIndex;

  // Layout classes for the two-sided scale (styled in app.css, no inline styles).
  // For a radiogroup, cssClasses.root is the class of the fieldset that holds the choices (the grid container).
  // The question's own root (mainRoot) gets expert-flagged while the server lists the pair among the top-3
  // inconsistent judgments of a block above the threshold (see markFlagged).
  var flaggedNames = {};
  survey.onUpdateQuestionCssClasses.add(function (_, options) {
    if (!pairByName[options.question.name]) return;
    options.cssClasses.root = (options.cssClasses.root || '') + ' expert-pair';
    if (flaggedNames[options.question.name]) options.cssClasses.mainRoot = (options.cssClasses.mainRoot || '') + ' expert-flagged';
  });
  survey.onUpdateChoiceItemCss.add(function (_, options) {
    var v = String(options.item.value);
    var side = v === 'EQ' ? 'eq' : v === 'NA' ? 'na' : v.charAt(0) === 'L' ? 'left' : 'right';
    options.css = (options.css || '') + ' expert-choice expert-choice-' + side;
  });
  // Captions for both sides and full accessible names for the short buttons.
  survey.onAfterRenderQuestion.add(function (_, options) {
    var pair = pairByName[options.question.name];
    if (!pair) return;
    var root = options.htmlElement;
    var items = root.querySelector('.expert-pair') || root.querySelector('.sd-selectbase') || root;
    items.setAttribute('data-left', fill(T.leftSide, { name: pair.left.name }));
    items.setAttribute('data-right', fill(T.rightSide, { name: pair.right.name }));
    root.querySelectorAll('input[type=radio]').forEach(function (input) {
      if (input.value === 'NA') return;
      input.setAttribute('aria-label', valueText(valueOf(input.value), pair.left.name, pair.right.name));
    });
  });

  // ---- feedback: the browser's estimate at once, the server's values when they arrive
  var feedback = data.feedback || {};
  var panel = document.getElementById('expert-feedback');
  var crBox = document.getElementById('expert-cr');
  var saveBox = document.getElementById('expert-save');
  var hintsBox = document.getElementById('expert-hints');
  var hintsOpen = null; // the expert's choice once they open or close the hints

  function currentBlock() {
    var page = survey.currentPage;
    if (!page || page.name === 'review') return null;
    return blockById[Number(page.name.slice(1))] || null;
  }
  function matrixOf(block) {
    var n = block.children.length, m = [];
    for (var i = 0; i < n; i++) { m.push([]); for (var j = 0; j < n; j++) m[i].push(i === j ? 1 : null); }
    var answered = 0;
    for (var a = 0; a < n; a++) {
      for (var b = a + 1; b < n; b++) {
        var code = survey.getValue('q_' + block.id + '_' + block.children[a].id + '_' + block.children[b].id);
        if (code === undefined) continue;
        answered++;
        var v = valueOf(code);
        if (v === null) continue;
        m[a][b] = v; m[b][a] = 1 / v;
      }
    }
    return { matrix: m, answered: answered, pairs: n * (n - 1) / 2 };
  }

  function renderFeedback(estimate) {
    var block = currentBlock();
    if (!block) { panel.hidden = true; return; }
    panel.hidden = false;
    var server = feedback[block.id];
    var local = matrixOf(block);
    var threshold = data.round.crThreshold;
    crBox.className = 'expert-cr';
    hintsBox.textContent = '';
    if (estimate) {
      var est = window.ExpertConsistency.analyse(local.matrix, data.ri[String(block.children.length)] || 0);
      if (!est) { crBox.textContent = T.crIncomplete; return; }
      crBox.textContent = fill(T.cr, { cr: fmtCr(est.cr) }) + ' · ' + T.estimate;
      crBox.classList.add(est.cr > threshold ? 'expert-cr-high' : 'expert-cr-ok');
      return;
    }
    if (!server || server.cr === null || server.cr === undefined) {
      crBox.textContent = local.answered ? T.crIncomplete : T.crPending;
      return;
    }
    crBox.textContent = fill(T.cr, { cr: fmtCr(server.cr) }) + ' · ' + (server.flagged ? fill(T.crHigh, { threshold: threshold }) : T.crOk) +
      (server.answered < server.pairs ? ' · ' + fill(T.answered, { answered: server.answered, pairs: server.pairs }) : '');
    crBox.classList.add(server.flagged ? 'expert-cr-high' : 'expert-cr-ok');
    var hints = server.inconsistencies || [];
    if (!server.flagged) hints = hints.filter(function (h) { return h.error > 1.5; });
    if (!hints.length) return;
    // Collapsible, so that on a phone the panel does not cover the questions (open by default on wide screens).
    var details = el('details', 'expert-hints-details');
    details.open = hintsOpen === null ? !window.matchMedia('(max-width: 640px)').matches : hintsOpen;
    details.addEventListener('toggle', function () { hintsOpen = details.open; });
    details.appendChild(el('summary', 'small expert-hints-title', fill(T.hintsTitle, { count: hints.length })));
    var list = el('ol', 'expert-hint-list');
    hints.forEach(function (h) {
      var left = block.children.find(function (c) { return c.id === h.left; });
      var right = block.children.find(function (c) { return c.id === h.right; });
      if (!left || !right) return;
      var item = el('li', 'expert-hint');
      item.appendChild(el('span', '', fill(T.hint, { now: valueText(h.value, left.name, right.name), suggested: valueText(h.suggested, left.name, right.name), cr: fmtCr(h.crIfChanged) })));
      var apply = el('button', 'button small secondary expert-apply', T.apply);
      apply.type = 'button';
      apply.addEventListener('click', function () { survey.setValue('q_' + block.id + '_' + h.left + '_' + h.right, codeOf(h.suggested)); });
      item.appendChild(document.createTextNode(' '));
      item.appendChild(apply);
      list.appendChild(item);
    });
    details.appendChild(list);
    hintsBox.appendChild(details);
  }

  /** Recomputes which questions are flagged from the server's feedback and lets SurveyJS restyle the changed ones. */
  function markFlagged() {
    var next = {};
    Object.keys(feedback).forEach(function (id) {
      var f = feedback[id];
      if (!f || !f.flagged) return;
      (f.inconsistencies || []).forEach(function (h) { next['q_' + id + '_' + h.left + '_' + h.right] = true; });
    });
    var changed = Object.keys(flaggedNames).concat(Object.keys(next)).filter(function (name) { return !flaggedNames[name] !== !next[name]; });
    flaggedNames = next;
    changed.forEach(function (name) {
      var question = survey.getQuestionByName(name);
      if (question) question.updateElementCss(true);
    });
  }

  // ---- autosave: one request in flight at a time, changes collected meanwhile, retried on failure
  var pending = {}, pendingPage = null, timer = null, inFlight = false, retryMs = 1000, stopped = false;

  function status(text, cls) { saveBox.textContent = text; saveBox.className = 'expert-save small ' + (cls || 'muted'); }

  function schedule(delay) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delay === undefined ? DEBOUNCE_MS : delay);
  }

  function stop(message) {
    stopped = true;
    status(message, 'text-bad');
    survey.mode = 'display';
  }

  function flush() {
    timer = null;
    if (inFlight || stopped) return;
    var names = Object.keys(pending);
    if (!names.length && pendingPage === null) return;
    var judgments = [], clear = [];
    names.forEach(function (name) {
      var p = pairByName[name];
      var code = pending[name];
      var pair = { parent: p.block, left: p.left.id, right: p.right.id };
      if (code === undefined || code === null) clear.push(pair);
      else judgments.push({ parent: pair.parent, left: pair.left, right: pair.right, value: valueOf(code) });
    });
    var body = { judgments: judgments, clear: clear };
    if (pendingPage !== null) body.page = pendingPage;
    var sent = pending, sentPage = pendingPage;
    pending = {}; pendingPage = null; inFlight = true;
    status(T.saving);
    fetch(data.urls.autosave, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true, // lets the last save finish when the page is closed
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'fetch' },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) { return { res: res, json: json }; });
    }).then(function (r) {
      inFlight = false;
      if (r.res.ok) {
        retryMs = 1000;
        (r.json.nodes || []).forEach(function (node) { feedback[node.id] = node; });
        status(T.saved, 'text-ok');
        renderFeedback(false);
        markFlagged();
        if (Object.keys(pending).length || pendingPage !== null) schedule(0);
        return;
      }
      if (r.res.status === 404) return stop(T.linkGone);
      if (r.res.status === 409) return stop(T.closed);
      if (r.res.status >= 400 && r.res.status < 500 && r.res.status !== 429) {
        // Refused input (should not happen from this page): say so, keep the answers on screen.
        status(T.saveFailed + ' ' + ((r.json.error && r.json.error.message) || ''), 'text-bad');
        return;
      }
      throw new Error('retry');
    }).catch(function () {
      inFlight = false;
      // Put back what was not saved (newer changes win), then retry with back-off.
      Object.keys(sent).forEach(function (name) { if (!(name in pending)) pending[name] = sent[name]; });
      if (pendingPage === null) pendingPage = sentPage;
      status(T.offline, 'text-bad');
      retryMs = Math.min(retryMs * 2, 30000);
      schedule(retryMs);
    });
  }

  survey.onValueChanged.add(function (_, options) {
    if (!pairByName[options.name]) return;
    pending[options.name] = options.value;
    renderFeedback(true);
    schedule();
  });
  survey.onCurrentPageChanged.add(function () {
    var block = currentBlock();
    if (block) { pendingPage = block.id; schedule(); }
    renderFeedback(false);
    if (!block) loadReview();
    window.scrollTo(0, 0);
  });
  window.addEventListener('beforeunload', function (event) {
    if (Object.keys(pending).length || inFlight) { flush(); event.preventDefault(); event.returnValue = ''; }
  });

  // ---- review and submit
  var submitting = false;
  function loadReview() {
    var box = document.getElementById('expert-review');
    if (!box) { setTimeout(loadReview, 50); return; }
    box.textContent = T.saving;
    var go = function () {
      if (inFlight || Object.keys(pending).length) { flush(); setTimeout(go, 200); return; }
      fetch(data.urls.review, { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'fetch' } })
        .then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.json(); })
        .then(function (review) { renderReview(box, review); })
        .catch(function () { box.textContent = T.offline; });
    };
    go();
  }

  function renderReview(box, review) {
    box.textContent = '';
    if (review.problems.length) {
      var warn = el('div', 'alert alert-warning');
      warn.appendChild(el('p', '', T.fix));
      var list = el('ul', 'small');
      review.problems.forEach(function (p) {
        var block = blockById[p.node];
        var item = el('li');
        var link = el('button', 'link-button', (block ? block.name : p.node) + ': ' + T['problem.' + p.problem]);
        link.type = 'button';
        link.addEventListener('click', function () { survey.currentPageNo = data.blocks.findIndex(function (b) { return b.id === p.node; }); });
        item.appendChild(link);
        list.appendChild(item);
      });
      warn.appendChild(list);
      box.appendChild(warn);
    } else if (review.nodes.some(function (n) { return n.flagged; })) {
      box.appendChild(el('div', 'alert alert-warning', fill(T.warnHighCr, { threshold: review.crThreshold })));
    }
    var grid = el('div', 'expert-review-grid');
    review.nodes.forEach(function (node) {
      var block = blockById[node.id];
      if (!block) return;
      var card = el('div', 'expert-review-block');
      var head = el('h3', '', block.name + ' ');
      head.appendChild(el('span', 'badge ' + (node.flagged ? 'badge-warning' : 'badge-muted'), 'CR ' + fmtCr(node.cr)));
      card.appendChild(head);
      var table = el('table', 'compact');
      var body = el('tbody');
      block.children.forEach(function (child, i) {
        var tr = el('tr');
        tr.appendChild(el('td', '', child.name));
        var w = node.weights ? node.weights[i] : null;
        var td = el('td', 'num', w === null ? '—' : (w * 100).toFixed(1) + '%');
        tr.appendChild(td);
        var barCell = el('td', 'expert-bar-cell');
        var track = el('div', 'bar-track');
        var bar = el('div', 'bar-fill');
        bar.style.width = w === null ? '0' : (w * 100).toFixed(1) + '%';
        track.appendChild(bar);
        barCell.appendChild(track);
        tr.appendChild(barCell);
        body.appendChild(tr);
      });
      table.appendChild(body);
      card.appendChild(table);
      var edit = el('button', 'link-button small', T.back);
      edit.type = 'button';
      edit.addEventListener('click', function () { survey.currentPageNo = data.blocks.findIndex(function (b) { return b.id === node.id; }); });
      card.appendChild(edit);
      grid.appendChild(card);
    });
    box.appendChild(grid);
    if (review.globalWeights) {
      // The overall (global) weight of every indicator: the product of the local weights along its path.
      var names = {};
      data.blocks.forEach(function (b) { b.children.forEach(function (c) { names[c.id] = c.name; }); });
      var overall = el('div', 'expert-review-block expert-review-overall');
      overall.appendChild(el('h3', '', T.globalWeights));
      var gTable = el('table', 'compact');
      var gHead = el('thead');
      var hr = el('tr');
      hr.appendChild(el('th', '', T.element));
      hr.appendChild(el('th', 'num', T.weight));
      gHead.appendChild(hr);
      gTable.appendChild(gHead);
      var gBody = el('tbody');
      review.leaves.forEach(function (leaf) {
        var w = review.globalWeights[String(leaf)];
        if (w === undefined) return;
        var tr = el('tr');
        tr.appendChild(el('td', '', names[leaf] || String(leaf)));
        tr.appendChild(el('td', 'num', (w * 100).toFixed(2) + '%'));
        gBody.appendChild(tr);
      });
      gTable.appendChild(gBody);
      overall.appendChild(gTable);
      box.appendChild(overall);
    }
    var submit = el('button', 'button expert-submit', T.submit);
    submit.type = 'button';
    submit.disabled = !review.canSubmit;
    submit.addEventListener('click', function () { doSubmit(submit); });
    var row = el('div', 'button-row');
    row.appendChild(submit);
    box.appendChild(row);
  }

  function doSubmit(button) {
    if (submitting) return;
    submitting = true;
    button.disabled = true;
    button.textContent = T.submitting;
    fetch(data.urls.submit, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'fetch' },
      body: '{}',
    }).then(function (res) {
      if (res.ok || res.status === 409) { window.location.reload(); return; }
      return res.json().then(function (json) { throw new Error((json.error && json.error.message) || T.saveFailed); });
    }).catch(function (err) {
      submitting = false;
      button.disabled = false;
      button.textContent = T.submit;
      status(String(err.message || T.saveFailed), 'text-bad');
      loadReview();
    });
  }
  // SurveyJS's own Complete button on the review page submits the same way.
  survey.onCompleting.add(function (_, options) {
    options.allow = false;
    var button = document.querySelector('.expert-submit');
    if (button && !button.disabled) doSubmit(button);
  });

  markFlagged();
  survey.render(container);
  renderFeedback(false);
  if (survey.currentPage && survey.currentPage.name === 'review') loadReview();
})();
