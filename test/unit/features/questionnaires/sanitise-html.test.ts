import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitiseHtml } from '../../../../src/features/questionnaires/sanitise-html.js';

const ALLOWED = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'h5', 'blockquote', 'span', 'div', 'hr', 'code', 'a']);

/** Every tag in the output is allowed and carries no attribute except a safe href on links. */
function assertSafe(output: string): void {
  for (const match of output.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    const [, name, attrs] = match as unknown as [string, string, string];
    expect(ALLOWED.has(name), `tag ${name} in ${output}`).toBe(true);
    if (name === 'a' && attrs.trim() !== '') {
      expect(attrs).toMatch(/^ href="(https?:\/\/|mailto:)[^"<>`\s]*" rel="noopener noreferrer" target="_blank"$/);
    } else {
      expect(attrs.trim()).toBe('');
    }
  }
  // Every "<" left in the output starts one of the tags checked above.
  expect(output.replace(/<\/?([a-zA-Z0-9]+)([^>]*)>/g, '')).not.toMatch(/</);
}

describe('sanitiseHtml (allow-list)', () => {
  // Vectors from the OWASP XSS Filter Evasion Cheat Sheet; the oracle is the allow-list itself: nothing executable survives.
  it.each([
    ['<script>alert("XSS")</script>hello', 'hello'],
    ['<IMG SRC="javascript:alert(\'XSS\');">', ''],
    ['<IMG SRC=JaVaScRiPt:alert(\'XSS\')>', ''],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', '<a>x</a>'],
    ['<a href="javascript&colon;alert(1)">x</a>', '<a>x</a>'],
    ['<a HREF=" javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<svg/onload=alert(1)>', ''],
    ['<BODY ONLOAD=alert(\'XSS\')>text', 'text'],
    ['<p onmouseover="alert(1)" style="x:expression(alert(1))">t</p>', '<p>t</p>'],
    ['<scr<script>ipt>alert(1)</script>', '&lt;scr'],
    ['<!--<script>alert(1)</script>-->ok', 'ok'],
    ['<style>body{display:none}</style>visible', 'visible'],
    ['<iframe src="https://evil.example"></iframe>after', 'after'],
    ['<b>bold</b> & <i>italic</i> &amp; &lt;', '<b>bold</b> &amp; <i>italic</i> &amp; &lt;'],
    ['<a href="https://bank.example/a?b=1&c=2">link</a>', '<a href="https://bank.example/a?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">link</a>'],
    ['<a href="mailto:risk@bank.example">mail</a>', '<a href="mailto:risk@bank.example" rel="noopener noreferrer" target="_blank">mail</a>'],
    ['1 < 2 and 3 > 2', '1 &lt; 2 and 3 &gt; 2'],
    ['<br/><hr>line</br>', '<br><hr>line'],
    ['<b', '&lt;b'],
    ['<textarea><script>alert(1)</script></textarea>x', 'x'],
    ['<h3 class="x" id="y">标题</h3>', '<h3>标题</h3>'],
  ])('%s → %s', (input, expected) => {
    const output = sanitiseHtml(input);
    expect(output).toBe(expected);
    assertSafe(output);
  });

  it('never lets a disallowed tag, an attribute or a raw "<" through, for any input (fast-check)', () => {
    const pieces = fc.constantFrom(
      '<', '>', '"', "'", '=', '/', ' ', '&', '#', ';', 'script', 'a', 'p', 'img', 'href', 'onerror', 'javascript:', 'src', 'style', '<!--', '-->', 'x',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.string({ maxLength: 20 }), (parts, tail) => {
        assertSafe(sanitiseHtml(parts.join('') + tail));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on its own output (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const once = sanitiseHtml(input);
        expect(sanitiseHtml(once)).toBe(once);
      }),
    );
  });
});
