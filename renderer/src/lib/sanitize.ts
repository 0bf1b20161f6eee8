/**
 * Feed HTML on its way into the page: DOMPurify with an allow-list, on top of the engine's own
 * sanitizer (defence in depth: the page's CSP is the third layer). No scripts, event handlers,
 * iframes, forms, styles; links only http(s)/mailto; images only http(s) or raster data: URLs,
 * loaded lazily, never from file:, sent without a referrer.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'q',
  'cite', 'abbr', 'span', 'div', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'code', 'a', 'img', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];
const ALLOWED_ATTR = ['href', 'title', 'src', 'alt', 'width', 'height', 'colspan', 'rowspan', 'start'];
const SAFE_LINK = /^(?:https?:|mailto:)/i;
const SAFE_IMAGE = /^(?:https?:\/\/|data:image\/(?:png|jpeg|gif|webp)[;,])/i;

let purifier: ReturnType<typeof DOMPurify> | null = null;

function instance(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  // Our own instance, so these hooks never leak into another DOMPurify user.
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node;
    if (el.tagName === 'A') {
      const href = el.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href.trim())) el.removeAttribute('href');
      el.setAttribute('rel', 'noopener noreferrer');
    } else if (el.tagName === 'IMG') {
      const src = (el.getAttribute('src') ?? '').trim();
      if (!SAFE_IMAGE.test(src)) el.removeAttribute('src');
      el.setAttribute('loading', 'lazy');
      el.setAttribute('decoding', 'async');
      el.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  purifier = p;
  return p;
}

/** Sanitized HTML as a fragment of inert nodes, ready to append. */
export function sanitizeToFragment(html: string): DocumentFragment {
  return instance().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|jpeg|gif|webp)[;,])/i,
    FORBID_TAGS: ['style', 'script', 'iframe', 'form', 'input', 'button', 'textarea', 'select', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'background', 'ping'],
    RETURN_DOM_FRAGMENT: true,
  });
}

export function sanitizeToString(html: string): string {
  const holder = document.createElement('div');
  holder.appendChild(sanitizeToFragment(html));
  return holder.innerHTML;
}
