/** One story in the inbox: watchlists, outlet(s), time, the highlighted headline and snippet, and its actions. */
import { useI18n } from '../../i18n';
import { Chips, Highlighted, TimeAgo } from '../../components/common';
import type { Story } from './types';

export function StoryRow(props: {
  story: Story;
  selected: boolean;
  onSelect: () => void;
  onOpen: () => void;
  onToggleRead: () => void;
  onToggleStar: () => void;
  onToggleMute: () => void;
}) {
  const { t } = useI18n();
  const { story } = props;
  const a = story.article;
  const star = story.starred ? t('inbox.unstar') : t('inbox.star');
  const read = story.unread ? t('inbox.markRead') : t('inbox.markUnread');
  const mute = story.muted ? t('inbox.unmute') : t('inbox.mute');
  return (
    <div
      id={`story-${story.storyId}`}
      role="option"
      aria-selected={props.selected}
      tabIndex={-1}
      className={`story${story.unread ? ' unread' : ''}${props.selected ? ' selected' : ''}${story.muted ? ' muted' : ''}`}
      onClick={props.onSelect}
      onDoubleClick={props.onOpen}
      data-story={story.storyId}
    >
      <div className="story-meta">
        <Chips items={story.watchlists} />
        <span className="source">{a.sourceTitle}</span>
        {story.outlets > 1 ? <span className="outlets">{t('inbox.outlets', { n: story.outlets })}</span> : null}
        {story.muted ? <span className="badge">{t('inbox.muted')}</span> : null}
        <TimeAgo at={a.sortAt} />
      </div>
      <button type="button" className="story-title" onClick={props.onOpen}>
        <Highlighted text={a.title} spans={a.spans} field="title" />
      </button>
      <p className="snippet">
        <Highlighted text={a.snippet} spans={a.spans} field="text" />
      </p>
      <div className="story-actions">
        <button type="button" aria-pressed={story.starred} aria-label={star} title={star} onClick={props.onToggleStar}>
          {story.starred ? '★' : '☆'}
        </button>
        {/* The dot says read or unread; the words say what a click does (the dot alone told nobody). */}
        <button type="button" className="read-toggle" aria-label={read} title={read} onClick={props.onToggleRead}>
          <span aria-hidden="true">{story.unread ? '●' : '○'}</span>
          {story.unread ? t('inbox.markReadShort') : t('inbox.markUnreadShort')}
        </button>
        <button type="button" aria-pressed={story.muted} aria-label={mute} title={mute} onClick={props.onToggleMute}>
          {story.muted ? t('inbox.unmuteShort') : t('inbox.muteShort')}
        </button>
      </div>
    </div>
  );
}
