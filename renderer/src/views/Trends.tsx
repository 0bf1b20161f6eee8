/**
 * Trends: per watchlist, alerts per day over the last 30 days (uPlot bars), spikes (the engine's
 * `spike` flag) marked with a red dot. Clicking a day — on the chart, or on the day buttons that
 * also serve keyboard and screen-reader users — opens the inbox filtered to that watchlist and day.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useApi, useEngineEvents, type ApiResult } from '../lib/api';
import { useI18n } from '../i18n';
import { useApp } from '../app-context';
import { EmptyState, ErrorNote, Loading } from '../components/common';

type Series = ApiResult<'trends.daily'>[number];

export function Trends({ themeKey }: { themeKey: string }) {
  const { t } = useI18n();
  const { setInboxFilter, navigate } = useApp();
  const trends = useApi('trends.daily', { days: 30 }, []);
  useEngineEvents(['alerts.new', 'watchlists.changed'], () => trends.reload());
  const pick = (watchlistId: number, day: string) => {
    setInboxFilter({ filter: 'all', watchlistId, day });
    navigate('inbox');
  };
  return (
    <section className="view trends" aria-labelledby="trends-title">
      <header className="view-header">
        <h1 id="trends-title">{t('trends.title')}</h1>
        <p className="hint">{t('trends.hint')}</p>
      </header>
      <ErrorNote error={trends.error} onRetry={trends.reload} />
      {!trends.data && trends.loading ? <Loading /> : null}
      {trends.data && trends.data.length === 0 ? (
        <EmptyState title={t('trends.emptyTitle')}>
          <p>{t('trends.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {trends.data?.map((series) => (
        <TrendCard key={series.watchlistId} series={series} onPick={(day) => pick(series.watchlistId, day)} themeKey={themeKey} />
      ))}
    </section>
  );
}

function TrendCard({ series, onPick, themeKey }: { series: Series; onPick: (day: string) => void; themeKey: string }) {
  const { t } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const total = series.days.reduce((s, d) => s + d.count, 0);
  const spikes = series.days.filter((d) => d.spike);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const fg = css.getPropertyValue('--fg-muted').trim() || '#666';
    const grid = css.getPropertyValue('--border').trim() || '#ddd';
    const xs = series.days.map((_, i) => i);
    const counts = series.days.map((d) => d.count);
    const spikeDots = series.days.map((d) => (d.spike ? d.count : null));
    const labels = series.days.map((d) => d.day.slice(5).replace('-', '/'));
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: 180,
      scales: { x: { time: false, range: [-0.6, xs.length - 0.4] }, y: { range: (_u, _min, max) => [0, Math.max(3, max + 1)] } },
      axes: [
        // Days: labels and short ticks only; full-height lines between bars are noise.
        {
          stroke: fg,
          grid: { show: false },
          ticks: { stroke: grid, width: 1 },
          values: (_u, splits) => splits.map((i) => labels[Math.round(i)] ?? ''),
          space: 50,
        },
        { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 40 },
      ],
      series: [
        {},
        {
          label: series.name,
          stroke: series.color,
          fill: `${series.color}66`,
          paths: uPlot.paths.bars!({ size: [0.7, 24] }),
          points: { show: false },
        },
        {
          label: t('trends.spike'),
          stroke: '#e5484d',
          fill: '#e5484d',
          width: 0,
          paths: () => null,
          points: { show: true, size: 9, stroke: '#e5484d', fill: '#e5484d' },
        },
      ],
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      legend: { show: false },
    };
    const chart = new uPlot(opts, [xs, counts, spikeDots], el);
    const onClick = () => {
      const idx = chart.cursor.idx;
      const day = idx !== null && idx !== undefined ? series.days[idx] : undefined;
      if (day) pickRef.current(day.day);
    };
    chart.over.addEventListener('click', onClick);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, el.clientWidth), height: 180 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, themeKey, t]);

  return (
    <section className="card trend" aria-labelledby={`trend-${series.watchlistId}`}>
      <h2 id={`trend-${series.watchlistId}`}>
        <span className="chip-dot" style={{ background: series.color }} aria-hidden="true" /> {series.name}
        <small> · {t('trends.total', { n: total })}</small>
      </h2>
      <div className="chart" ref={holder} role="img" aria-label={t('trends.chartLabel', { name: series.name, n: total })} />
      {spikes.length ? (
        <p className="spikes">
          <span>{t('trends.spikes')}</span>
          {spikes.map((d) => (
            <button key={d.day} type="button" className="day-chip spike" data-day={d.day} onClick={() => onPick(d.day)}>
              {d.day} · {d.count}
            </button>
          ))}
        </p>
      ) : null}
      <details>
        <summary>{t('trends.table')}</summary>
        <div className="day-grid">
          {series.days.map((d) => (
            <button
              key={d.day}
              type="button"
              className={`day-cell${d.spike ? ' spike' : ''}`}
              data-day={d.day}
              onClick={() => onPick(d.day)}
              aria-label={t('trends.dayLabel', { day: d.day, n: d.count })}
            >
              <span>{d.day.slice(5)}</span>
              <strong>{d.count}</strong>
            </button>
          ))}
        </div>
      </details>
    </section>
  );
}
