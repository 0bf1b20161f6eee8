/** What an empty inbox says: nothing matches the filter, or the three steps to the first alert. */
import { useI18n } from '../../i18n';
import { useApp } from '../../app-context';
import { EmptyState } from '../../components/common';

export function InboxEmpty({ filtered }: { filtered: boolean }) {
  const { t } = useI18n();
  const { setInboxFilter, navigate } = useApp();
  if (filtered) {
    return (
      <EmptyState title={t('inbox.emptyFiltered')}>
        <button type="button" onClick={() => setInboxFilter({ filter: 'all' })}>
          {t('inbox.showAll')}
        </button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={t('inbox.emptyTitle')}>
      <ol className="steps">
        <li>
          <button type="button" className="link" onClick={() => navigate('feeds')}>
            {t('inbox.step1')}
          </button>
        </li>
        <li>
          <button type="button" className="link" onClick={() => navigate('watchlists')}>
            {t('inbox.step2')}
          </button>
        </li>
        <li>{t('inbox.step3')}</li>
      </ol>
    </EmptyState>
  );
}
