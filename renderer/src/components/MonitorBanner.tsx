/**
 * The banner that says monitoring is not running (the desktop shell's 'monitor.status' event):
 * while the engine is being restarted, and — until it runs again — when it could not be. A window
 * that looks fine while nothing is watched is the failure this app must never have.
 */
import { useState } from 'react';
import { useEngineEvents, type EngineEvent } from '../lib/api';
import { useI18n } from '../i18n';

type MonitorStatus = Extract<EngineEvent, { name: 'monitor.status' }>['payload'];

export function MonitorBanner() {
  const { t, say } = useI18n();
  const [status, setStatus] = useState<MonitorStatus>({ state: 'running', reason: null });
  useEngineEvents(['monitor.status'], (event) => {
    if (event.name === 'monitor.status') setStatus(event.payload);
  });
  if (status.state === 'running') return null;
  return (
    <div className={`monitor-banner ${status.state}`} role="alert" data-testid="monitor-banner" data-state={status.state}>
      <strong>
        {t(status.state === 'stopped' ? 'monitor.stopped' : 'monitor.restarting', { reason: status.reason ? say(status.reason) : '' })}
      </strong>
      {status.state === 'stopped' ? <span> {t('monitor.hint')}</span> : null}
    </div>
  );
}
