// Draws every <canvas class="js-chart" data-config="ID"> from the Chart.js configuration in
// <script type="application/json" id="ID">. Configurations are plain JSON made by the server (no callbacks),
// so pages need no inline script. Requires /vendor/chart.js/<version>/chart.umd.js to be loaded first.
(function () {
  'use strict';
  function percentTicks(config) {
    // JSON cannot carry functions: `"percent": true` on an axis formats its ticks as percentages.
    var scales = (config.options && config.options.scales) || {};
    Object.keys(scales).forEach(function (key) {
      var axis = scales[key];
      if (axis && axis.percent) {
        axis.ticks = axis.ticks || {};
        var digits = typeof axis.percentDigits === 'number' ? axis.percentDigits : 0;
        axis.ticks.callback = function (value) { return (Number(value) * 100).toFixed(digits) + '%'; };
      }
    });
    return config;
  }
  function draw() {
    if (!window.Chart) return;
    document.querySelectorAll('canvas.js-chart').forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = document.getElementById(canvas.getAttribute('data-config'));
      if (!source) return;
      var config;
      try { config = JSON.parse(source.textContent || '{}'); } catch (e) { return; }
      config.options = config.options || {};
      if (config.options.maintainAspectRatio === undefined) config.options.maintainAspectRatio = false;
      if (config.options.responsive === undefined) config.options.responsive = true;
      canvas.dataset.drawn = '1';
      canvas.chart = new window.Chart(canvas, percentTicks(config));
    });
  }
  window.creditAhpDrawCharts = draw;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
