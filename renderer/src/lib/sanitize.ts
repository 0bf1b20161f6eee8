/**
 * Feed HTML on its way into the page: DOMPurify with an allow-list, on top of the engine's own
 * sanitizer (defence in depth: the page's CSP is the third layer). No scripts, event handlers,
 * iframes, forms, styles; links only http(s)/mailto; images only http(s) or raster data: URLs,
 * loaded lazily, never from file:, sent without a referrer.
 * Remote images (http(s)) are kept only when asked for (`remoteImages`: the setting, or "load
 * images" for one article); otherwise they stay in the page without a source, marked
 * `data-remote-image`, so the view can count them. An image on the user's own network (a LAN or
 * loopback address, a `.local` name) never gets a source.
 */
import DOMPurify from 'dompurify';
import { pointsToPrivateNetwork } from '../../../shared/private-address';

export interface SanitizeOptions {
  /** Let http(s) images load (default: no). */
  remoteImages?: boolean;
}

/** Set for the duration of one (synchronous) sanitize call; the hook reads it. */
let current: SanitizeOptions = {};

const ALLOWED_TAGS = [
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'q',
  'cite',
  'abbr',
  'span',
  'div',
  'p',
  'br',
  'hr',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'code',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
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
      else if (/^https?:/i.test(src)) {
        if (pointsToPrivateNetwork(src)) el.removeAttribute('src');
        else if (!current.remoteImages) {
          el.removeAttribute('src');
          el.setAttribute('data-remote-image', '');
        }
      }
      el.setAttribute('loading', 'lazy');
      el.setAttribute('decoding', 'async');
      el.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  purifier = p;
  return p;
}

/** Sanitized HTML as a fragment of inert nodes, ready to append. */
export function sanitizeToFragment(html: string, options: SanitizeOptions = {}): DocumentFragment {
  const purifier = instance();
  current = options;
  try {
    return sanitizeWith(purifier, html);
  } finally {
    current = {};
  }
}

/** Images left without their source because remote images are off. */
export function blockedImageCount(fragment: DocumentFragment | Element): number {
  return fragment.querySelectorAll('img[data-remote-image]').length;
}

function sanitizeWith(purifier: ReturnType<typeof DOMPurify>, html: string): DocumentFragment {
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|jpeg|gif|webp)[;,])/i,
    FORBID_TAGS: [
      'style',
      'script',
      'iframe',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'object',
      'embed',
      'svg',
      'math',
      'link',
      'meta',
      'base',
    ],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'background', 'ping'],
    RETURN_DOM_FRAGMENT: true,
  });
}

export function sanitizeToString(html: string, options: SanitizeOptions = {}): string {
  const holder = document.createElement('div');
  holder.appendChild(sanitizeToFragment(html, options));
  return holder.innerHTML;
}
