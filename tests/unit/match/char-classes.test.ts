/**
 * The matcher's per-code-unit tables are stored as runs (shared/match/char-class-data.ts, written
 * by `npm run gen:char-classes`) instead of being derived from Unicode data in every process
 * (~50 ms, issue 14). The stored tables must be exactly what the rules derive on this Node.
 */
import { describe, expect, it } from 'vitest';
import { deriveCharClasses, deriveWordKinds } from '../../../shared/match/char-class-rules';
import { charClasses, packRuns, unpackRuns, wordKinds } from '../../../shared/match/char-classes';

describe('the stored character tables', () => {
  it('are what the rules derive from this runtime’s Unicode data (else: npm run gen:char-classes)', () => {
    expect(Buffer.from(charClasses()).equals(Buffer.from(deriveCharClasses()))).toBe(true);
    expect(Buffer.from(wordKinds()).equals(Buffer.from(deriveWordKinds()))).toBe(true);
  });

  it('pack and unpack any table of 65 536 code units', () => {
    const table = new Uint8Array(0x10000);
    for (let c = 0; c < table.length; c++) table[c] = (c * 7919) % 1000 < 3 ? 5 : c % 4096 < 2048 ? 1 : 0;
    expect(Buffer.from(unpackRuns(packRuns(table))).equals(Buffer.from(table))).toBe(true);
  });

  it('refuses runs that do not cover every code unit', () => {
    expect(() => unpackRuns('0a,1b')).toThrow(/regenerate/);
  });
});
