import { describe, expect, it } from 'vitest';
import { deepLinkFor, deepLinkFromArgv, parseDeepLink } from '../../main/electron/deep-link';

describe('deep links nunchi://article/ID', () => {
  it.each([
    ['nunchi://article/42', 42],
    ['nunchi://article/42/', 42],
    ['NUNCHI://article/7', 7],
    ['  nunchi://article/9  ', 9],
    ['nunchi://article/123?from=notification', 123],
  ])('opens %j', (raw, id) => {
    expect(parseDeepLink(raw)).toEqual({ kind: 'article', articleId: id });
  });

  it.each([
    'nunchi://article/0',
    'nunchi://article/-1',
    'nunchi://article/1.5',
    'nunchi://article/abc',
    'nunchi://article/',
    'nunchi://article/1/delete',
    'nunchi://settings',
    'nunchi://article/99999999999999999999',
    'https://article/1',
    'app://article/1',
    'nunchi:article/1',
    'nunchi://article/1\nnunchi://article/2',
    '',
  ])('ignores %j', (raw) => {
    expect(parseDeepLink(raw)).toBeNull();
  });

  it('round-trips and is found among command-line arguments (Windows, Linux second instance)', () => {
    expect(parseDeepLink(deepLinkFor(5))).toEqual({ kind: 'article', articleId: 5 });
    expect(deepLinkFromArgv(['C:\\Nunchi\\Nunchi.exe', '--allow-file-access', 'nunchi://article/31'])).toEqual({
      kind: 'article',
      articleId: 31,
    });
    expect(deepLinkFromArgv(['/usr/bin/nunchi', '--hidden'])).toBeNull();
    expect(parseDeepLink(42)).toBeNull();
  });
});
