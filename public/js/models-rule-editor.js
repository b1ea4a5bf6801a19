// Rule editor: live plot of the scoring curve, client-side checks that mirror validateScoringRule (monotone,
// 0–100, raw strictly increasing), a test value → score box, and add/remove rows. The server validates again.
(function () {
  'use strict';
  var form = document.getElementById('rule-form');
  var dataEl = document.getElementById('rule-editor-data');
  if (!form || !dataEl) return;
  var data = JSON.parse(dataEl.textContent || '{}');
  var msg = data.messages || {};
  var canvas = document.getElementById('rule-chart');
  var status = document.getElementById('rule-status');
  var testIn = document.getElementById('rule-test');
  var testOut = document.getElementById('rule-test-out');
  var chart = null;

  function num(text) {
    var t = String(text == null ? '' : text).trim().replace(',', '.');
    return t === '' ? NaN : Number(t);
  }
  function kind() {
    var el = form.querySelector('[data-rule-kind]');
    return el && el.value === 'codes' ? 'codes' : 'anchors';
  }
  function direction() {
    var el = form.querySelector('[data-rule-direction]');
    return el ? el.value : '';
  }
  function rows(section) {
    return Array.prototype.slice.call(form.querySelectorAll('[data-rule-rows="' + section + '"] tr'));
  }
  function readAnchors() {
    var out = [];
    rows('anchors').forEach(function (tr) {
      var inputs = tr.querySelectorAll('input');
      var raw = inputs[0].value, score = inputs[1].value;
      if (String(raw).trim() === '' && String(score).trim() === '') return;
      out.push({ raw: num(raw), score: num(score) });
    });
    return out;
  }
  function readCodes() {
    var out = [];
    rows('codes').forEach(function (tr) {
      var inputs = tr.querySelectorAll('input');
      if (inputs[0].value.trim() === '' && inputs[1].value.trim() === '' && inputs[2].value.trim() === '') return;
      out.push({ code: inputs[0].value.trim(), score: num(inputs[1].value), label: inputs[2].value.trim() || inputs[0].value.trim() });
    });
    return out;
  }
  function fill(template, position) { return String(template || '').replace('{position}', String(position)); }

  // The same checks as src/domain/credit/validate-scoring-rule.ts.
  function problems() {
    var out = [];
    var badScore = function (s) { return !(isFinite(s) && s >= 0 && s <= 100); };
    if (kind() === 'codes') {
      var codes = readCodes();
      if (!codes.length) out.push(msg['no-codes']);
      var seen = {};
      codes.forEach(function (c, i) {
        if (!c.code) out.push(fill(msg['empty-code'], i + 1));
        else if (seen[c.code]) out.push(fill(msg['duplicate-code'], i + 1));
        seen[c.code] = true;
        if (badScore(c.score)) out.push(fill(msg['score-out-of-range'], i + 1));
      });
      return out;
    }
    var a = readAnchors();
    if (a.length < 2) out.push(msg['too-few-anchors']);
    var rising = false, falling = false;
    a.forEach(function (p, i) {
      if (!isFinite(p.raw)) out.push(fill(msg['raw-not-finite'], i + 1));
      else if (i > 0 && isFinite(a[i - 1].raw) && !(p.raw > a[i - 1].raw)) out.push(fill(msg['raw-not-increasing'], i + 1));
      if (badScore(p.score)) out.push(fill(msg['score-out-of-range'], i + 1));
      if (i > 0 && isFinite(p.score) && isFinite(a[i - 1].score)) {
        if (p.score > a[i - 1].score) rising = true;
        if (p.score < a[i - 1].score) falling = true;
      }
    });
    if (rising && falling) out.push(msg['not-monotone']);
    var dir = direction();
    if ((dir === 'increasing' && falling) || (dir === 'decreasing' && rising) || dir === 'categorical') out.push(fill(msg['direction-mismatch'], ''));
    return out;
  }

  function interpolate(a, x) {
    if (x <= a[0].raw) return a[0].score;
    if (x >= a[a.length - 1].raw) return a[a.length - 1].score;
    var i = 0;
    while (x > a[i + 1].raw) i++;
    return a[i].score + (x - a[i].raw) * (a[i + 1].score - a[i].score) / (a[i + 1].raw - a[i].raw);
  }

  function chartConfig(list) {
    if (kind() === 'codes') {
      var codes = readCodes();
      return {
        type: 'bar',
        data: { labels: codes.map(function (c) { return c.label; }), datasets: [{ label: msg.score, data: codes.map(function (c) { return isFinite(c.score) ? c.score : null; }), backgroundColor: '#1f5fae' }] },
        options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100, title: { display: true, text: msg.score } } } }
      };
    }
    var a = list.filter(function (p) { return isFinite(p.raw) && isFinite(p.score); });
    var pts = [];
    if (a.length >= 1) {
      var lo = a[0].raw, hi = a[a.length - 1].raw, pad = Math.max((hi - lo) * 0.15, Math.abs(lo) * 0.1, 1);
      pts.push({ x: lo - pad, y: a[0].score });
      a.forEach(function (p) { pts.push({ x: p.raw, y: p.score }); });
      pts.push({ x: hi + pad, y: a[a.length - 1].score });
    }
    return {
      type: 'scatter',
      data: { datasets: [{ label: msg.score, data: pts, showLine: true, borderColor: '#1f5fae', backgroundColor: '#1f5fae', pointRadius: pts.map(function (_, i) { return i === 0 || i === pts.length - 1 ? 0 : 4; }) }] },
      options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { type: 'linear', title: { display: true, text: msg.raw } }, y: { min: 0, max: 100, title: { display: true, text: msg.score } } } }
    };
  }

  function update() {
    document.querySelectorAll('[data-rule-section]').forEach(function (el) {
      el.classList.toggle('is-hidden', el.getAttribute('data-rule-section') !== kind());
    });
    var list = problems();
    status.textContent = '';
    status.className = 'models-rule-status ' + (list.length ? 'is-invalid' : 'is-valid');
    if (list.length) {
      var ul = document.createElement('ul');
      list.forEach(function (m) { var li = document.createElement('li'); li.textContent = m; ul.appendChild(li); });
      status.appendChild(ul);
    } else status.textContent = msg.valid || 'OK';
    var anchors = readAnchors();
    if (window.Chart && canvas) {
      var config = chartConfig(anchors);
      if (chart && chart.config.type !== config.type) { chart.destroy(); chart = null; }
      if (!chart) chart = new window.Chart(canvas, config);
      else { chart.data = config.data; chart.options = config.options; chart.update(); }
      canvas.setAttribute('data-points', JSON.stringify(kind() === 'codes' ? readCodes().map(function (c) { return c.score; }) : anchors.map(function (p) { return [p.raw, p.score]; })));
    }
    // Test value → score.
    var out = '—';
    if (testIn && testIn.value.trim() !== '') {
      if (kind() === 'codes') {
        var match = readCodes().filter(function (c) { return c.code === testIn.value.trim(); })[0];
        out = match && isFinite(match.score) ? String(match.score) : '—';
      } else if (!list.length) {
        var x = num(testIn.value);
        if (isFinite(x)) out = String(Math.round(interpolate(anchors, x) * 100) / 100);
      }
    }
    if (testOut) testOut.textContent = out;
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  if (testIn) testIn.addEventListener('input', update);
  form.addEventListener('click', function (e) {
    var target = e.target;
    if (!(target instanceof HTMLElement)) return;
    if (target.hasAttribute('data-remove-row')) {
      var tr = target.closest('tr');
      if (tr && tr.parentNode.children.length > 1) tr.remove();
      else if (tr) tr.querySelectorAll('input').forEach(function (i) { i.value = ''; });
      update();
    }
    var section = target.getAttribute('data-add-row');
    if (section) {
      var body = form.querySelector('[data-rule-rows="' + section + '"]');
      var last = body && body.lastElementChild;
      if (last) {
        var copy = last.cloneNode(true);
        var n = body.children.length;
        copy.querySelectorAll('input').forEach(function (i) { i.value = ''; i.id = i.id.replace(/\d+$/, String(n)); });
        copy.querySelectorAll('label').forEach(function (l) { l.htmlFor = l.htmlFor.replace(/\d+$/, String(n)); });
        body.appendChild(copy);
      }
    }
  });
  update();
})();
