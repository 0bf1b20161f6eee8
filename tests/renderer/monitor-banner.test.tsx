// @vitest-environment jsdom
/**
 * The window's banner when monitoring is not running: it follows the shell's 'monitor.status'
 * events (the boot test checks the shell sends them), in the user's language.
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/api';
import { MonitorBanner } from '../../renderer/src/components/MonitorBanner';
import { I18nProvider } from '../../renderer/src/i18n';

const listeners = new Set<(event: EngineEvent) => void>();
window.nunchi = {
  call: () => Promise.reject(new Error('not used')),
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
const emit = (payload: Extract<EngineEvent, { name: 'monitor.status' }>['payload']) =>
  act(() => {
    for (const listener of listeners) listener({ name: 'monitor.status', payload });
  });
afterEach(() => listeners.clear());

describe('MonitorBanner', () => {
  it('appears while the engine restarts and when it stopped, with the reason, and goes once it runs', () => {
    render(
      <I18nProvider locale="ko">
        <MonitorBanner />
      </I18nProvider>,
    );
    expect(screen.queryByTestId('monitor-banner')).toBeNull();
    const reason = { key: 'engine.failure.corrupt' };
    emit({ state: 'restarting', reason });
    expect(screen.getByRole('alert').textContent).toBe(
      '감시 엔진이 멈춰 다시 시작하는 중입니다: 데이터베이스 파일이 손상되었거나 데이터베이스가 아닙니다.',
    );
    emit({ state: 'stopped', reason });
    expect(screen.getByRole('alert').textContent).toMatch(
      /^감시가 멈췄습니다: 데이터베이스 파일이 손상되었거나 데이터베이스가 아닙니다\. 새 기사를 확인하지 않고 있습니다/,
    );
    emit({ state: 'running', reason: null });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('speaks English when the app does', () => {
    render(
      <I18nProvider locale="en">
        <MonitorBanner />
      </I18nProvider>,
    );
    emit({ state: 'stopped', reason: { key: 'engine.failure.disk-full' } });
    expect(screen.getByRole('alert').textContent).toMatch(/^Monitoring stopped: the disk is full\. No new articles are being checked/);
  });
});
