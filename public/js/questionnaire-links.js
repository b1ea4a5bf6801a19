// Distribution page: downloads the personal links just created (shown once) as a CSV file, built in the browser
// from the page's JSON block, so the tokens never have to be stored or sent again.
(function () {
  'use strict';
  var button = document.getElementById('q-links-download');
  var source = document.getElementById('q-links-data');
  if (!button || !source) return;
  function cell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // spreadsheet formula injection
    return '"' + text.replace(/"/g, '""') + '"';
  }
  button.addEventListener('click', function () {
    var links = JSON.parse(source.textContent || '[]');
    var lines = ['label,url'].concat(links.map(function (l) { return cell(l.label) + ',' + cell(l.url); }));
    var blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = button.getAttribute('data-file') || 'links.csv';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
})();
