import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gate, loadAllowList, PACKAGED_APP_FOLDERS } from '../../scripts/security-electron.mjs';

const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

const finding = (check: string, severity: string, file: string, sample = '') => ({
  check,
  severity,
  confidence: 'CERTAIN',
  file,
  location: '1:0',
  sample,
  description: '',
});

describe('the electronegativity gate', () => {
  const allow = [{ check: 'CSP_GLOBAL_CHECK', file: 'out:N/A', reason: 'The CSP is sent as a header by the app:// handler.' }];

  it('fails on a HIGH or MEDIUM finding nobody explained, passes an explained one, ignores LOW', () => {
    const result = gate(
      [
        finding('CSP_GLOBAL_CHECK', 'HIGH', 'out:N/A'),
        finding('NODE_INTEGRATION_JS_CHECK', 'MEDIUM', 'main/electron/main-window.ts', 'nodeIntegration: true'),
        finding('AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', 'LOW', 'main:N/A'),
      ],
      allow,
    );
    expect(result.explained).toBe(1);
    expect(result.failing.map((f: { check: string }) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
  });

  it('scans the built app electron-builder packages, and not the rest of out/ (the CLI bundle, benchmark builds)', () => {
    const config = yaml.load(readFileSync(join(__dirname, '../../electron-builder.yml'), 'utf8')) as { files: string[] };
    const packaged = config.files.filter((f) => /^out\/[^/]+\/\*\*\/\*$/.test(f)).map((f) => f.replace('/**/*', ''));
    expect([...PACKAGED_APP_FOLDERS].sort()).toEqual(packaged.sort());
    expect(PACKAGED_APP_FOLDERS).not.toContain('out/cli');
  });

  it('the repository allow-list gives a real reason for every entry', () => {
    const entries = loadAllowList(join(__dirname, '../../.electronegativity-allow.json'));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.reason.length).toBeGreaterThanOrEqual(20);
  });
});
