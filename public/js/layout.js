// Behaviour shared by every page. No inline scripts anywhere: pages opt in with data attributes.
(function () {
  'use strict';
  // Mobile navigation toggle.
  var toggle = document.querySelector('.nav-toggle');
  var nav = document.getElementById('main-nav');
  if (toggle && nav) {
    toggle.addEventListener('click', function () {
      var open = nav.classList.toggle('open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
  // <select class="js-autosubmit"> submits its form when changed (language switcher, filters).
  document.querySelectorAll('.js-autosubmit').forEach(function (el) {
    el.addEventListener('change', function () { if (el.form) el.form.submit(); });
  });
  // <form data-confirm="Are you sure?"> asks before submitting.
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
  // <button data-copy="#id"> or data-copy-text="…" copies to the clipboard.
  document.querySelectorAll('[data-copy], [data-copy-text]').forEach(function (button) {
    button.addEventListener('click', function () {
      var text = button.getAttribute('data-copy-text');
      if (text === null) {
        var target = document.querySelector(button.getAttribute('data-copy'));
        text = target ? (target.value !== undefined ? target.value : target.textContent) : '';
      }
      var done = function () {
        var original = button.textContent;
        button.textContent = button.getAttribute('data-copied') || '✓';
        setTimeout(function () { button.textContent = original; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, function () {});
      else {
        var area = document.createElement('textarea');
        area.value = text; document.body.appendChild(area); area.select();
        try { document.execCommand('copy'); done(); } catch (e) { /* ignore */ }
        document.body.removeChild(area);
      }
    });
  });
})();
