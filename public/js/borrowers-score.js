// Batch scoring with a progress bar: creates a stored job, then asks the server to score one chunk at a time
// (each chunk is one transaction) until the job is done. Without JavaScript the form runs the whole job in
// one request instead.
(function () {
  'use strict';
  var form = document.getElementById('score-form');
  if (!form) return;
  var messages = JSON.parse((document.getElementById('score-messages') || {}).textContent || '{}');
  var box = document.getElementById('score-progress');
  var bar = document.getElementById('score-bar');
  var progress = document.getElementById('score-progress-el');
  var status = document.getElementById('score-status');
  var csrf = form.querySelector('input[name="_csrf"]').value;
  function fill(t, v) { return String(t || '').replace(/\{(\w+)\}/g, function (m, k) { return k in v ? String(v[k]) : m; }); }
  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'X-Requested-With': 'fetch', Accept: 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error((j.error && j.error.message) || r.statusText); return j; }); });
  }
  function show(job) {
    var pct = job.total ? Math.round((job.done / job.total) * 100) : 100;
    bar.style.width = pct + '%';
    progress.value = pct;
    status.textContent = job.status === 'done' ? fill(messages.done, job) : fill(messages.progress, job);
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    box.hidden = false;
    var version = form.querySelector('[name="version"]').value;
    post('/borrowers/score-jobs', { version: version, portfolio: form.querySelector('[name="portfolio"]').value }).then(function (res) {
      var job = res.job;
      show(job);
      function step() {
        if (job.status !== 'running') {
          button.disabled = false;
          var link = document.createElement('a');
          link.href = '/borrowers/score?version=' + encodeURIComponent(version) + '&job=' + job.id;
          link.textContent = ' →';
          status.appendChild(link);
          return;
        }
        post('/borrowers/score-jobs/' + job.id + '/step').then(function (r) { job = r.job; show(job); step(); }).catch(fail);
      }
      step();
    }).catch(fail);
    function fail(err) {
      button.disabled = false;
      status.textContent = (messages.failed || 'Failed') + ' ' + (err && err.message ? err.message : '');
    }
  });
})();
