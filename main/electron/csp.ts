/**
 * The Content-Security-Policy (and companion headers) the app:// protocol sends with every page.
 * No inline script, no eval, nothing fetched from the network except images over https (article
 * pictures) and data: images; the renderer talks to the engine only through the preload bridge.
 */

export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  // React sets styles through the CSSOM, which CSP allows; style attributes in HTML do not apply.
  ['style-src', "'self'"],
  ['img-src', "'self' https: data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['media-src', "'none'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['worker-src', "'none'"],
  ['manifest-src', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
  ['base-uri', "'none'"],
];

export function contentSecurityPolicy(): string {
  return CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Headers for every app:// response. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
  };
}
