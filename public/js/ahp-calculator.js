// AHP calculator page: edit a pairwise matrix, get weights and consistency from POST /api/v1/ahp/priorities.
(function () {
  'use strict';
  var i18n = JSON.parse(document.getElementById('ahp-i18n').textContent);
  var SCALE = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];
  var EXAMPLE = [
    [1, 1 / 2, 1 / 2, 1, 1 / 2, 2, 2], [2, 1, 1, 2, 1, 3, 3], [2, 1, 1, 2, 1, 3, 2], [1, 1 / 2, 1 / 2, 1, 1 / 2, 2, 1],
    [2, 1, 1, 2, 1, 3, 3], [1 / 2, 1 / 3, 1 / 3, 1 / 2, 1 / 3, 1, 1], [1 / 2, 1 / 3, 1 / 2, 1, 1 / 3, 1, 1],
  ];
  var names = i18n.defaultNames.split('|');
  var matrix = identity(names.length);
  var chart = null, timer = null, requestNo = 0;
  var $ = function (id) { return document.getElementById(id); };

  function identity(n) {
    var m = [];
    for (var i = 0; i < n; i++) { m.push([]); for (var j = 0; j < n; j++) m[i].push(1); }
    return m;
  }
  function label(v) {
    if (v === null) return '—';
    if (v >= 1) return String(Math.round(v * 1000) / 1000);
    var inv = 1 / v;
    return Math.abs(inv - Math.round(inv)) < 1e-9 ? '1/' + Math.round(inv) : String(Math.round(v * 1000) / 1000);
  }
  function parseValue(text) {
    text = String(text).trim();
    if (text === '' || text === '-' || text === '—' || text.toLowerCase() === 'null') return null;
    var parts = text.split('/');
    var v = parts.length === 2 ? Number(parts[0]) / Number(parts[1]) : Number(text);
    return isFinite(v) && v > 0 ? v : NaN;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function renderMatrix() {
    var table = $('ahp-matrix');
    table.textContent = '';
    var head = el('tr');
    head.appendChild(el('th', { scope: 'col' }, ''));
    names.forEach(function (n) { head.appendChild(el('th', { scope: 'col' }, n)); });
    var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
    var tbody = el('tbody');
    names.forEach(function (rowName, i) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, rowName));
      names.forEach(function (colName, j) {
        var td = el('td');
        if (i === j) td.textContent = '1';
        else if (i < j) {
          var select = el('select', { 'aria-label': rowName + ' / ' + colName, 'data-i': i, 'data-j': j });
          var none = el('option', { value: '' }, i18n.missing);
          select.appendChild(none);
          SCALE.forEach(function (v) {
            var o = el('option', { value: String(v) }, label(v));
            if (matrix[i][j] !== null && Math.abs(matrix[i][j] - v) < 1e-9) o.selected = true;
            select.appendChild(o);
          });
          if (matrix[i][j] === null) none.selected = true;
          else if (!SCALE.some(function (v) { return Math.abs(matrix[i][j] - v) < 1e-9; })) {
            var custom = el('option', { value: String(matrix[i][j]) }, label(matrix[i][j]));
            custom.selected = true; select.appendChild(custom);
          }
          select.addEventListener('change', function () {
            var v = select.value === '' ? null : Number(select.value);
            matrix[i][j] = v; matrix[j][i] = v === null ? null : 1 / v;
            renderMatrix(); schedule();
          });
          td.appendChild(select);
        } else {
          td.textContent = label(matrix[i][j]);
          td.className = 'muted';
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }

  function setNames(list, keepMatrix) {
    names = list.length ? list : i18n.defaultNames.split('|');
    if (!keepMatrix || matrix.length !== names.length) {
      var old = matrix; matrix = identity(names.length);
      for (var i = 0; i < Math.min(old.length, names.length); i++)
        for (var j = 0; j < Math.min(old.length, names.length); j++) matrix[i][j] = old[i][j];
    }
    $('ahp-names').value = names.join('\n');
    renderMatrix();
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(calculate, 250);
  }

  function calculate() {
    var mine = ++requestNo;
    $('ahp-status').textContent = '…';
    fetch('/api/v1/ahp/priorities', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ matrix: matrix, method: $('ahp-method').value, riTable: $('ahp-ri').value, completion: $('ahp-completion').value, top: 5 }),
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (mine !== requestNo) return;
      $('ahp-status').textContent = '';
      if (!r.ok) { showError(r.body.error ? r.body.error.message : String(r.body)); return; }
      showResults(r.body);
    }).catch(function (e) { showError(String(e)); });
  }

  function showError(message) {
    $('ahp-error').textContent = message;
    $('ahp-error').hidden = false;
    $('ahp-results').hidden = true;
  }

  function fmt(x, d) { return Number(x).toFixed(d); }

  function showResults(r) {
    $('ahp-error').hidden = true;
    $('ahp-results').hidden = false;
    $('ahp-cr').textContent = fmt(r.cr, 4);
    $('ahp-cr-note').textContent = r.cr <= 0.1 ? i18n.acceptable : i18n.tooHigh;
    $('ahp-cr').className = 'stat-value ' + (r.cr <= 0.1 ? 'text-ok' : 'text-bad');
    $('ahp-lambda').textContent = fmt(r.lambdaMax, 4);
    $('ahp-ci').textContent = 'CI ' + fmt(r.ci, 4);
    $('ahp-gci').textContent = fmt(r.gci, 4);
    $('ahp-ri-note').textContent = 'RI ' + fmt(r.ri, 2) + ' (' + r.riTable + ')';
    var order = r.weights.map(function (w, i) { return i; }).sort(function (a, b) { return r.weights[b] - r.weights[a]; });
    var rank = []; order.forEach(function (idx, k) { rank[idx] = k + 1; });
    var table = $('ahp-weights');
    table.textContent = '';
    var head = el('tr');
    [i18n.element, i18n.weight, i18n.rank].forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
    var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
    var tbody = el('tbody');
    r.weights.forEach(function (w, i) {
      var tr = el('tr');
      tr.appendChild(el('td', {}, names[i]));
      tr.appendChild(el('td', { class: 'num' }, fmt(w * 100, 2) + '%'));
      tr.appendChild(el('td', { class: 'num' }, String(rank[i])));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    if (r.completedMatrix) {
      $('ahp-completed').hidden = false;
      $('ahp-completed').textContent = i18n.completed;
    } else $('ahp-completed').hidden = true;
    renderHints(r.inconsistencies);
    drawChart(r.weights);
  }

  function renderHints(list) {
    var table = $('ahp-hints');
    table.textContent = '';
    if (!list.length) { var tr0 = el('tr'); tr0.appendChild(el('td', {}, i18n.noHints)); table.appendChild(tr0); return; }
    var head = el('tr');
    [i18n.judgment, i18n.current, i18n.suggested, i18n.crAfter, ''].forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
    var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
    var tbody = el('tbody');
    list.forEach(function (h) {
      var tr = el('tr');
      tr.appendChild(el('td', {}, names[h.i] + ' : ' + names[h.j]));
      tr.appendChild(el('td', { class: 'num' }, h.value === null ? '—' : label(h.value)));
      tr.appendChild(el('td', { class: 'num' }, label(h.suggested)));
      tr.appendChild(el('td', { class: 'num' }, fmt(h.crIfChanged, 4)));
      var td = el('td');
      var b = el('button', { type: 'button', class: 'button small secondary' }, i18n.apply);
      b.addEventListener('click', function () {
        matrix[h.i][h.j] = h.suggested; matrix[h.j][h.i] = 1 / h.suggested;
        renderMatrix(); schedule();
      });
      td.appendChild(b); tr.appendChild(td);
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }

  function drawChart(weights) {
    if (!window.Chart) return;
    var data = { labels: names.slice(0, weights.length), datasets: [{ label: i18n.weight, data: weights, backgroundColor: '#1f5fae' }] };
    if (chart) { chart.data = data; chart.update(); return; }
    chart = new window.Chart($('ahp-chart'), {
      type: 'bar', data: data,
      options: { indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { callback: function (v) { return Math.round(v * 100) + '%'; } } } } },
    });
  }

  $('ahp-names').addEventListener('change', function () {
    setNames($('ahp-names').value.split('\n').map(function (s) { return s.trim(); }).filter(Boolean).slice(0, 30), true);
  });
  $('ahp-example').addEventListener('click', function () {
    matrix = EXAMPLE.map(function (row) { return row.slice(); });
    setNames(i18n.exampleNames.split('|'), true);
  });
  $('ahp-reset').addEventListener('click', function () { matrix = identity(names.length); renderMatrix(); schedule(); });
  ['ahp-method', 'ahp-ri', 'ahp-completion'].forEach(function (id) { $(id).addEventListener('change', schedule); });
  $('ahp-use-paste').addEventListener('click', function () {
    var rows = $('ahp-paste').value.trim().split(/\n+/).map(function (line) { return line.trim().split(/[\s,;\t]+/).map(parseValue); });
    var n = rows.length;
    var bad = n < 1 || n > 30 || rows.some(function (r) { return r.length !== n || r.some(function (v) { return v !== null && isNaN(v); }); });
    if (bad) { $('ahp-paste-error').textContent = i18n.pasteError; $('ahp-paste-error').hidden = false; return; }
    $('ahp-paste-error').hidden = true;
    matrix = rows;
    var list = names.slice(0, n);
    for (var k = list.length; k < n; k++) list.push(String.fromCharCode(65 + (k % 26)) + (k >= 26 ? k : ''));
    setNames(list, true);
  });
  setNames(names, true);
})();
