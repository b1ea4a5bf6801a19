// Management overview: the Print button (no inline script under the CSP).
(function () {
  'use strict';
  var button = document.getElementById('overview-print');
  if (button) button.addEventListener('click', function () { window.print(); });
})();
