/** Settings: language, theme, notifications (quiet hours, batching), retention, login item, data folder. */
import { useState } from 'react';
import { useApi } from '../lib/api';
import { useI18n } from '../i18n';
import { useApp } from '../app-context';
import { ErrorNote } from '../components/common';
import { NaverKeysCard } from '../components/NewsSearch';
import type { ApiError } from '../lib/api';
import { apiErrorOf, call } from '../lib/api';

export function Settings() {
  const { t } = useI18n();
  const { settings, updateSettings } = useApp();
  const info = useApi('app.info', {}, []);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const save = async (patch: Parameters<typeof updateSettings>[0]) => {
    setError(undefined);
    setSaved(false);
    try {
      await updateSettings(patch);
      setSaved(true);
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };
  const quiet = settings.quietHours;
  /** Set when the folder could not be opened (outside the desktop app): where it is, at least. */
  const [logFolderPath, setLogFolderPath] = useState<string>();
  const openLogFolder = async () => {
    setError(undefined);
    try {
      const { opened, path } = await call('app.openLogFolder', {});
      setLogFolderPath(opened ? undefined : path);
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };

  return (
    <section className="view settings" aria-labelledby="settings-title">
      <header className="view-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <span className="count" role="status">
          {saved ? t('settings.saved') : ''}
        </span>
      </header>
      <ErrorNote error={error} />
      <section className="card">
        <h2>{t('settings.appearance')}</h2>
        <label className="field inline">
          <span>{t('settings.language')}</span>
          <select value={settings.locale} onChange={(e) => void save({ locale: e.target.value as 'ko' | 'en' })}>
            <option value="ko">{t('settings.language.ko')}</option>
            <option value="en">{t('settings.language.en')}</option>
          </select>
        </label>
        <fieldset className="field">
          <legend>{t('settings.theme')}</legend>
          <div className="segmented" role="radiogroup" aria-label={t('settings.theme')}>
            {(['light', 'dark', 'system'] as const).map((theme) => (
              <button
                key={theme}
                type="button"
                role="radio"
                aria-checked={settings.theme === theme}
                className={settings.theme === theme ? 'on' : ''}
                onClick={() => void save({ theme })}
              >
                {t(`settings.theme.${theme}`)}
              </button>
            ))}
          </div>
        </fieldset>
      </section>

      <section className="card">
        <h2>{t('settings.notifications')}</h2>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={quiet !== null}
            onChange={(e) => void save({ quietHours: e.target.checked ? { start: '22:00', end: '07:00' } : null })}
          />
          <span>{t('settings.quietHours')}</span>
        </label>
        {quiet ? (
          <div className="field-row">
            <label className="field inline">
              <span>{t('settings.quietFrom')}</span>
              <input
                type="time"
                value={quiet.start}
                onChange={(e) => e.target.value && void save({ quietHours: { ...quiet, start: e.target.value } })}
              />
            </label>
            <label className="field inline">
              <span>{t('settings.quietTo')}</span>
              <input
                type="time"
                value={quiet.end}
                onChange={(e) => e.target.value && void save({ quietHours: { ...quiet, end: e.target.value } })}
              />
            </label>
          </div>
        ) : null}
        <p className="hint">{t('settings.quietHint')}</p>
        <label className="field inline">
          <span>{t('settings.batch')}</span>
          <input
            type="number"
            min={1}
            max={100}
            value={settings.batchThreshold}
            onChange={(e) => Number(e.target.value) >= 1 && void save({ batchThreshold: Math.min(100, Number(e.target.value)) })}
          />
        </label>
        <p className="hint">{t('settings.batchHint')}</p>
        <label className="field inline">
          <span>{t('settings.perMinute')}</span>
          <input
            type="number"
            min={1}
            max={60}
            value={settings.maxNotificationsPerMinute}
            onChange={(e) => Number(e.target.value) >= 1 && void save({ maxNotificationsPerMinute: Math.min(60, Number(e.target.value)) })}
          />
        </label>
      </section>

      <section className="card">
        <h2>{t('settings.data')}</h2>
        <label className="field inline">
          <span>{t('settings.retention')}</span>
          <select value={settings.retentionDays} onChange={(e) => void save({ retentionDays: Number(e.target.value) })}>
            {[...new Set([30, 90, 180, 365, 3650, settings.retentionDays])]
              .sort((a, b) => a - b)
              .map((d) => (
                <option key={d} value={d}>
                  {t('settings.days', { n: d })}
                </option>
              ))}
          </select>
        </label>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={settings.startAtLogin}
            onChange={(e) => void save({ startAtLogin: e.target.checked })}
          />
          <span>{t('settings.startAtLogin')}</span>
        </label>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={settings.remoteImages}
            onChange={(e) => void save({ remoteImages: e.target.checked })}
          />
          <span>{t('settings.remoteImages')}</span>
        </label>
        <dl className="info">
          <dt>{t('settings.dataFolder')}</dt>
          <dd>
            <code>{info.data?.dataDir ?? '…'}</code>
          </dd>
          <dt>{t('settings.logFolder')}</dt>
          <dd>
            <button type="button" data-testid="open-log-folder" onClick={() => void openLogFolder()}>
              {t('settings.openLogFolder')}
            </button>
            {logFolderPath ? <span className="detail"> {t('settings.logFolderNotOpened', { path: logFolderPath })}</span> : null}
          </dd>
          <dt>{t('settings.timeZone')}</dt>
          <dd>{settings.timeZone}</dd>
          <dt>{t('settings.version')}</dt>
          <dd>{info.data?.version ?? '…'}</dd>
        </dl>
        <ErrorNote error={info.error} />
      </section>
      <NaverKeysCard />
    </section>
  );
}
