// A small browser port of the AHP consistency computation, for immediate display only while the expert answers.
// The server recomputes every CR with src/domain/ahp on each autosave and its values replace these estimates.
// Principal eigenvector by power iteration (Saaty 1980); missing judgments filled by Harker's (1987) method;
// CI = (λmax − n)/(n − 1), CR = CI / RI(n) with the round's RI table (sent by the server).
(function () {
  'use strict';

  function connected(n, a) {
    var seen = [0], mark = new Array(n).fill(false);
    mark[0] = true;
    while (seen.length) {
      var i = seen.pop();
      for (var j = 0; j < n; j++) if (!mark[j] && a[i][j] !== null) { mark[j] = true; seen.push(j); }
    }
    return mark.every(Boolean);
  }

  // Power iteration on a positive matrix; returns { w (Σ = 1), lambda }.
  function eigen(n, m) {
    var w = new Array(n).fill(1 / n), lambda = n;
    for (var it = 0; it < 2000; it++) {
      var next = new Array(n).fill(0), total = 0;
      for (var i = 0; i < n; i++) { for (var j = 0; j < n; j++) next[i] += m[i][j] * w[j]; total += next[i]; }
      var diff = 0;
      for (var k = 0; k < n; k++) { next[k] /= total; diff = Math.max(diff, Math.abs(next[k] - w[k])); }
      lambda = total; // Σ (M w)_i with Σ w = 1
      w = next;
      if (diff < 1e-13) break;
    }
    return { w: w, lambda: lambda };
  }

  /**
   * matrix: n × n, a[i][j] = how many times i is as important as j, null = missing. ri: RI(n).
   * Returns null when the judgments do not link every element, else { weights, lambdaMax, cr, complete }.
   */
  function analyse(matrix, ri) {
    var n = matrix.length;
    if (n < 2) return { weights: [1], lambdaMax: 1, cr: 0, complete: true };
    if (!connected(n, matrix)) return null;
    var missing = 0, b = [];
    for (var i = 0; i < n; i++) {
      b.push([]);
      var rowMissing = 0;
      for (var j = 0; j < n; j++) {
        if (i !== j && matrix[i][j] === null) { rowMissing++; b[i].push(0); } else b[i].push(i === j ? 1 : matrix[i][j]);
      }
      b[i][i] = 1 + rowMissing;
      missing += rowMissing;
    }
    var full = matrix;
    if (missing) {
      var harker = eigen(n, b).w;
      full = matrix.map(function (row, r) { return row.map(function (v, c) { return v === null ? harker[r] / harker[c] : v; }); });
    }
    var e = eigen(n, full);
    var ci = n > 2 ? Math.max(0, (e.lambda - n) / (n - 1)) : 0;
    return { weights: e.w, lambdaMax: e.lambda, cr: ri > 0 ? ci / ri : 0, complete: missing === 0 };
  }

  window.ExpertConsistency = { analyse: analyse };
})();
