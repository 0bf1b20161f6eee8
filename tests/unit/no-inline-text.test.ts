/**
 * Every sentence a person reads comes from the catalogues in shared/messages (ko and en), never a
 * literal in the code: the engine, the CLI, the Electron shell, the renderer and shared/ are
 * scanned for Hangul string literals and for JSX text and spoken attributes written inline
 * (tests/helpers/inline-text.ts). A fixture proves the scan finds each kind.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInlineText } from '../helpers/inline-text';

const ROOT = resolve(__dirname, '../..');

/** The catalogues themselves. */
const CATALOGUES = new Set(['shared/messages/ko.ts', 'shared/messages/en.ts']);

/** Files whose Hangul literals are data the program reads, never a sentence it shows. */
const HANGUL_DATA: Record<string, string> = {
  'main/stories/story-similarity.ts': 'Korean particles and headline boilerplate removed before two headlines are compared',
  'main/feeds/catalog.ts': 'the outlets’ own names (each entry also has nameEn)',
  'main/search/outlets.ts': 'the outlets’ own names, recognised in news-search results',
  'main/feeds/dates.ts': 'Korean date words read from feeds (오후 in "2024-06-23 오후 3:15")',
  'shared/datetime.ts': 'the Korean day periods, which some ICU builds lack',
  'shared/query/lexer.ts': 'the Korean names of query scopes (제목:, 출처:) a user may type',
};

function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'main', 'renderer/src', 'shared'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return listed.split('\n').filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
}

describe('user-facing text lives in the catalogues', () => {
  const files = sourceFiles();

  it('scans the engine, the CLI, the shell, the renderer and shared/', () => {
    for (const expected of ['main/cli/watch-command.ts', 'main/electron/tray-text.ts', 'renderer/src/views/Inbox.tsx', 'shared/errors.ts'])
      expect(files).toContain(expected);
  });

  it('finds no inline text outside the catalogues', () => {
    const found = files
      .filter((file) => !CATALOGUES.has(file))
      .flatMap((file) => findInlineText(file, readFileSync(resolve(ROOT, file), 'utf8')))
      .filter((hit) => !(hit.why === 'hangul literal' && hit.file in HANGUL_DATA))
      .map((hit) => `${hit.file}:${hit.line} ${hit.why}: ${hit.text}`);
    expect(found).toEqual([]);
  });

  it('keeps the list of data files honest: each still has the Hangul data it is listed for', () => {
    for (const file of Object.keys(HANGUL_DATA)) {
      expect(
        findInlineText(file, readFileSync(resolve(ROOT, file), 'utf8')).some((hit) => hit.why === 'hangul literal'),
        file,
      ).toBe(true);
    }
  });
});

describe('the inline text scan (fixture)', () => {
  const fixture = `
    // 한국어 주석은 문장이 아니다: comments never count.
    /** 저장했습니다 in a doc comment either. */
    const key = 'inbox.title';
    const saved = '저장했습니다';
    const counted = \`새 알림 \${n}건\`;
    export function View({ n }: { n: number }) {
      return (
        <section className="view inbox" data-x="Save">
          <h1>Inbox</h1>
          <h2>알림함</h2>
          <button aria-label="Close" title={t('common.close')}>✕</button>
          <input placeholder="검색" />
          <p>{'Nothing here'}</p>
          <p>{t('inbox.title')} · {n} ★</p>
        </section>
      );
    }
  `;
  const hits = findInlineText('fixture.tsx', fixture);
  const seen = hits.map((h) => `${h.why}: ${h.text}`);

  it('finds Hangul string and template literals', () => {
    expect(seen).toContain('hangul literal: 저장했습니다');
    expect(seen).toContain('hangul literal: 새 알림');
  });

  it('finds JSX text with words, in any script', () => {
    expect(seen).toContain('jsx text: Inbox');
    expect(seen).toContain('jsx text: 알림함');
  });

  it('finds spoken attributes and string children written inline', () => {
    expect(seen).toContain('jsx attribute: Close');
    expect(seen).toContain('hangul literal: 검색');
    expect(seen).toContain('jsx string child: Nothing here');
  });

  it('counts nothing else: comments, keys, class names, data attributes, symbols, catalogue calls', () => {
    expect(seen.sort()).toEqual(
      [
        'hangul literal: 저장했습니다',
        'hangul literal: 새 알림', // the template's head …
        'hangul literal: 건', // … and its tail
        'jsx text: Inbox',
        'jsx text: 알림함',
        'jsx attribute: Close',
        'hangul literal: 검색',
        'jsx string child: Nothing here',
      ].sort(),
    );
  });
});
