// Print-friendly report page: the Print button (no inline script under the CSP).
(function () {
  'use strict';
  var button = document.getElementById('q-print');
  if (button) button.addEventListener('click', function () { window.print(); });
})();
