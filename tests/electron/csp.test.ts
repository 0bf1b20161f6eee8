/** The CSP header of every app:// response. */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../main/electron/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('content security policy', () => {
  const csp = directives(contentSecurityPolicy());

  it('denies by default and allows scripts only from the app itself: no inline, no eval', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    const all = contentSecurityPolicy();
    expect(all).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|strict-dynamic|\*/);
    expect(all).not.toMatch(/nonce-|sha256-/);
  });

  it('lets the page connect nowhere beyond the app, and images come only from https or data:', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'https:', 'data:']);
    expect(csp.get('img-src')).not.toContain('http:');
  });

  it('forbids plugins, frames, workers, forms, <base> and being framed', () => {
    for (const name of ['object-src', 'frame-src', 'worker-src', 'form-action', 'frame-ancestors', 'base-uri', 'media-src']) {
      expect(csp.get(name), name).toEqual(["'none'"]);
    }
  });

  it('is one header line without separators that could split it', () => {
    const headers = securityHeaders();
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy());
    expect(headers['Content-Security-Policy']).not.toMatch(/[\r\n,]/);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
