/**
 * A strict allow-list HTML sanitiser for the few SurveyJS properties that are rendered as HTML (the html question's
 * `html`, the survey's `completedHtml`, `completedBeforeHtml`, `loadingHtml`, descriptions). It does not try to
 * repair HTML: it re-emits only the allowed tags, each rebuilt from scratch with only the allowed attributes
 * (so no attribute text is ever copied verbatim), drops every other tag, removes the content of script-like
 * elements and comments, and escapes any `<` or `>` that is not part of an allowed tag. The output therefore
 * contains no event handler, no style, no script, no javascript: URL and no markup the allow-list does not name
 * (OWASP XSS Prevention Cheat Sheet, rule "sanitize HTML markup with a library designed for the job": this file is
 * that library, kept small enough to review).
 */

/** Tags kept (without attributes unless listed in ALLOWED_ATTRIBUTES). */
const ALLOWED_TAGS = new Set([
  'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'h5',
  'blockquote', 'span', 'div', 'hr', 'code',
]);
const VOID_TAGS = new Set(['br', 'hr']);
const MAX_TAG_LENGTH = 512;
/** Elements whose whole content is dropped, not only their tags. */
const DROP_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'textarea', 'noscript', 'svg', 'math', 'title', 'xmp', 'noembed', 'noframes', 'select', 'head']);
/** Links: only absolute http(s) and mailto URLs, opened safely. */
const SAFE_HREF = /^(https?:\/\/[^\s"'<>`]+|mailto:[^\s"'<>`]+)$/i;

/** A start or end tag as a browser's tokenizer reads it: name, then anything up to the first ">" outside quotes. */
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])((?:"[^"]*"|'[^']*'|[^'">])*)>/;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function escapeText(text: string): string {
  return text.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Decodes the character references an attacker could use to hide `javascript:` in an href. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(Math.min(parseInt(dec, 10), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/&amp;/gi, '&');
}

function rebuildTag(closing: boolean, name: string, attributes: string): string {
  if (closing) return VOID_TAGS.has(name) ? '' : `</${name}>`;
  if (name !== 'a') return `<${name}>`;
  let href: string | undefined;
  for (const match of attributes.matchAll(ATTRIBUTE)) {
    if ((match[1] as string).toLowerCase() !== 'href') continue;
    const raw = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '').trim();
    if (SAFE_HREF.test(raw) && !/[\u0000-\u001f]/.test(raw)) href = raw;
  }
  return href ? `<a href="${escapeAttribute(href)}" rel="noopener noreferrer" target="_blank">` : '<a>';
}

/**
 * Sanitises authored HTML against the allow-list above. Example:
 * sanitiseHtml('<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:x">y</a></p>')
 * → '<p>Hi <a>y</a></p>'.
 */
export function sanitiseHtml(input: string): string {
  let out = '';
  let i = 0;
  const n = input.length;
  while (i < n) {
    const lt = input.indexOf('<', i);
    if (lt < 0) {
      out += escapeText(input.slice(i));
      break;
    }
    out += escapeText(input.slice(i, lt));
    // A tag longer than this is not markup anyone writes; bounding the window keeps the scan linear.
    const rest = input.slice(lt, lt + MAX_TAG_LENGTH);
    if (rest.startsWith('<!--')) {
      const end = input.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (/^<[!?]/.test(rest)) {
      // Doctype, CDATA or processing instruction: dropped.
      const end = input.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const match = TAG.exec(rest);
    if (!match) {
      out += '&lt;';
      i = lt + 1;
      continue;
    }
    const closing = match[1] === '/';
    const name = (match[2] as string).toLowerCase();
    i = lt + match[0].length;
    if (DROP_CONTENT.has(name)) {
      if (!closing) {
        const close = new RegExp(`</${name}\\s*>`, 'i').exec(input.slice(i));
        i = close ? i + close.index + close[0].length : n;
      }
      continue;
    }
    if (ALLOWED_TAGS.has(name) || name === 'a') out += rebuildTag(closing, name, match[3] ?? '');
  }
  return out;
}
