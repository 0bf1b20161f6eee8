/** app:// serves the built renderer and nothing else. */
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppAsset } from '../../main/electron/app-assets';

const root = resolve('/opt/Nunchi/resources/app.asar/out/renderer');

describe('app:// asset resolution', () => {
  it('maps the page and its assets inside the renderer folder', () => {
    expect(resolveAppAsset('app://nunchi/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset('app://nunchi/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset('app://nunchi/assets/index-abc.js?v=1#x', root)).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppAsset('app://nunchi/assets/%ED%95%9C.png', root)).toBe(join(root, 'assets', '한.png'));
  });

  it.each(['app://nunchi/../../main/index.js', 'app://nunchi/%2e%2e/%2e%2e/package.json', 'app://nunchi/assets/../../../../etc/passwd'])(
    'never leaves the renderer folder: %j',
    (url) => {
      // The URL parser already folds dot segments; whatever remains must be inside the root.
      const file = resolveAppAsset(url, root);
      expect(file === null || file.startsWith(root + sep)).toBe(true);
    },
  );

  it.each([
    'app://nunchi/assets/..%2f..%2fpackage.json',
    'app://nunchi/assets/..%5c..%5cpackage.json',
    'app://nunchi/%00index.html',
    'app://nunchi/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://nunchi/index.html',
    'app://nunchi/assets/index.js.map',
    'app://nunchi/src/main.tsx',
    'not a url',
  ])('refuses %j', (url) => {
    expect(resolveAppAsset(url, root)).toBeNull();
  });

  it('knows the content types it serves', () => {
    expect(mimeTypeFor('a.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.map')).toBeNull();
  });
});
