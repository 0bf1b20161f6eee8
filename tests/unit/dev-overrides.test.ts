import { describe, expect, it } from 'vitest';
import { developmentOverrides } from '../../main/dev-overrides';

describe('development overrides', () => {
  const env = { NUNCHI_SQLITE_BINDING: '/tmp/evil.node', NUNCHI_DATA_DIR: '/tmp/other-data' };

  it('are honoured when the app runs from source', () => {
    expect(developmentOverrides(env, false)).toEqual({ sqliteBinding: '/tmp/evil.node', dataDir: '/tmp/other-data' });
    expect(developmentOverrides({ NUNCHI_DATA_DIR: '' }, false)).toEqual({});
  });

  it('are ignored in a packaged app (no native module or data folder from the environment)', () => {
    expect(developmentOverrides(env, true)).toEqual({});
  });
});
