// Validation report: a print button (the page has print styles; the browser's own print works too).
(function () {
  'use strict';
  document.querySelectorAll('.js-print').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
