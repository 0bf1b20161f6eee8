/** Every IPC call is checked: only the app's own page, in its top-level frame. */
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../main/electron/sender-policy';

describe('IPC sender origin check', () => {
  it('accepts the app page served over app://nunchi', () => {
    expect(isTrustedSender({ url: 'app://nunchi/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://nunchi/index.html#/article/3', isMainFrame: true })).toBe(true);
  });

  it.each([
    ['an iframe of the app', { url: 'app://nunchi/index.html', isMainFrame: false }],
    ['another host on the app scheme', { url: 'app://evil/index.html', isMainFrame: true }],
    ['a host that only starts like ours', { url: 'app://nunchi.evil.example/', isMainFrame: true }],
    ['credentials in front of our host', { url: 'app://nunchi@evil/', isMainFrame: true }],
    ['a web page', { url: 'https://www.etnews.com/', isMainFrame: true }],
    ['a local file', { url: 'file:///home/user/index.html', isMainFrame: true }],
    ['about:blank', { url: 'about:blank', isMainFrame: true }],
    ['a data URL', { url: 'data:text/html,hi', isMainFrame: true }],
    ['an empty URL', { url: '', isMainFrame: true }],
  ])('refuses %s', (_name, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });

  it('refuses a missing (destroyed) frame', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('accepts the dev server only when one is configured (unpackaged), and only its exact origin', () => {
    const dev = 'http://localhost:5173';
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost.evil.example:5173/', isMainFrame: true }, dev)).toBe(false);
  });
});
