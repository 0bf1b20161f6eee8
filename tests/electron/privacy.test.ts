/** The window session's privacy decisions (main/electron/privacy.ts). */
import { describe, expect, it } from 'vitest';
import { neutralUserAgent, refuseWindowRequest } from '../../main/electron/privacy';

describe('the window session', () => {
  it('drops the app and Electron from the user agent, keeping Chromium’s', () => {
    const electron =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) nunchi/1.2.0 Chrome/140.0.7339.41 Electron/45.1.0 Safari/537.36';
    expect(neutralUserAgent(electron, 'Nunchi')).toBe(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.7339.41 Safari/537.36',
    );
    expect(neutralUserAgent('Mozilla/5.0 Chrome/140.0 Safari/537.36', 'Nunchi')).toBe('Mozilla/5.0 Chrome/140.0 Safari/537.36');
  });

  it('refuses private hosts, except the development server', () => {
    expect(refuseWindowRequest('http://192.168.0.1/p.gif', null)).toBe(true);
    expect(refuseWindowRequest('https://img.etnews.com/a.jpg', null)).toBe(false);
    expect(refuseWindowRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(false);
    expect(refuseWindowRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(false);
    expect(refuseWindowRequest('http://localhost:8080/a.png', 'http://localhost:5173')).toBe(true);
  });
});
