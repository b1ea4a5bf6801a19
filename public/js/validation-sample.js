// New validation sample: the sample-size calculator computed live (the server computes the same on submit, on
// the actual population), the population N taken from the chosen portfolio, and the design's optional parts
// shown only when they apply. Without JavaScript the form works as is ("Calculate" asks the server).
(function () {
  'use strict';
  var form = document.getElementById('sample-form');
  if (!form) return;
  var messages = {};
  try { messages = JSON.parse((document.getElementById('calc-messages') || {}).textContent || '{}'); } catch (e) { messages = {}; }

  // Inverse standard normal CDF: Acklam's rational approximation (relative error < 1.2e-9), enough to round the
  // sample size the same way as the server's quantile.
  var A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
  var B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
  var C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
  var D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
  function normalQuantile(p) {
    var q, r, x;
    if (p < 0.02425) { q = Math.sqrt(-2 * Math.log(p)); x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1); }
    else if (p <= 1 - 0.02425) { q = p - 0.5; r = q * q; x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1); }
    else { q = Math.sqrt(-2 * Math.log(1 - p)); x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1); }
    return x;
  }
  function num(name) {
    var el = form.elements.namedItem(name);
    if (!el || el.value.trim() === '') return NaN;
    return Number(el.value.trim().replace(',', '.'));
  }
  // n0 = z²·p(1 − p)/e², n = n0 / (1 + (n0 − 1)/N), rounded up (Cochran 1977, eqs. 4.1–4.2).
  function compute() {
    var c = num('confidence') / 100, e = num('margin') / 100, p = num('expectedRate') / 100, N = num('populationSize');
    if (!(c >= 0.5 && c <= 0.999) || !(e > 0 && e <= 0.5) || !(p > 0 && p < 1)) return null;
    var z = normalQuantile(0.5 + c / 2);
    var n0 = z * z * p * (1 - p) / (e * e);
    var n = Math.ceil(n0 - 1e-9);
    if (N >= 1 && Number.isInteger(N)) n = Math.min(N, Math.ceil(n0 / (1 + (n0 - 1) / N) - 1e-9));
    return { n: n, n0: n0 };
  }
  var out = document.getElementById('calc-result');
  var use = document.getElementById('calc-use');
  function update() {
    var r = compute();
    if (!out) return;
    if (!r) { out.textContent = messages.invalid || ''; if (use) use.hidden = true; return; }
    out.textContent = (messages.result || 'n = {n}').replace('{n}', String(r.n)).replace('{n0}', r.n0.toFixed(1));
    out.setAttribute('data-n', String(r.n));
    if (use) use.hidden = false;
  }
  ['confidence', 'margin', 'expectedRate', 'populationSize'].forEach(function (name) {
    var el = form.elements.namedItem(name);
    if (el) el.addEventListener('input', update);
  });
  if (use) use.addEventListener('click', function () {
    var r = compute();
    var size = form.elements.namedItem('sampleSize');
    if (r && size) { size.value = String(r.n); size.dispatchEvent(new Event('input')); }
  });
  var portfolio = form.elements.namedItem('portfolio');
  var population = form.elements.namedItem('populationSize');
  function fillPopulation(force) {
    if (!portfolio || !population) return;
    var option = portfolio.options[portfolio.selectedIndex];
    var count = option ? option.getAttribute('data-snapshots') : null;
    if (count && (force || population.value.trim() === '')) population.value = count;
  }
  if (portfolio) portfolio.addEventListener('change', function () { fillPopulation(true); update(); });
  fillPopulation(false);

  // Show the parts of the form that apply: [data-show-when="name=value"].
  var dependants = form.querySelectorAll('[data-show-when]');
  function toggle() {
    dependants.forEach(function (el) {
      var rule = el.getAttribute('data-show-when').split('=');
      var checked = form.querySelector('input[name="' + rule[0] + '"]:checked');
      el.hidden = !(checked && checked.value === rule[1]);
    });
  }
  form.querySelectorAll('input[name="method"], input[name="outcomeKind"]').forEach(function (el) { el.addEventListener('change', toggle); });
  toggle();
  update();
})();
