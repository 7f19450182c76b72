// One row of the queue: number, priority, subject, status, category, channel, municipality, time left, unsent mark. Memoised: cheap to render.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelTag, DeadlineBadge, PriorityBadge, StatusBadge, UnsentMark } from './badges.js';
import { consoleStore } from './store-access.js';
import { nearestDeadline } from './time-left.js';
import type { Lookup } from './use-lookup.js';

export const ROW_HEIGHT = 58;

interface QueueRowProps {
  id: string;
  start: number;
  selected: boolean;
  open: boolean;
  pending: boolean;
  now: number;
  /** Store revision: a new value re-reads the appeal. */
  revision: number;
  lookup: Lookup;
  onActivate: (id: string) => void;
}

/** The subject, or the first line of the citizen's text when nobody wrote one yet. */
function headline(subject: string, originalText: string): string {
  if (subject.trim() !== '') return subject;
  const newline = originalText.indexOf('\n');
  return (newline >= 0 ? originalText.slice(0, newline) : originalText).slice(0, 200);
}

export const QueueRow = memo(function QueueRow({ id, start, selected, open, pending, now, lookup, onActivate }: QueueRowProps) {
  const { t } = useTranslation();
  const appeal = consoleStore.getState().getAppeal(id);
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (!appeal) {
    return <div className="queue-row queue-row-loading" style={style} role="option" aria-selected={selected} aria-busy="true" id={`row-${id}`} />;
  }
  const municipality = appeal.municipalityId ? lookup.municipality.get(appeal.municipalityId)?.name : undefined;
  const title = headline(appeal.subject, appeal.originalText);
  return (
    <div
      role="option"
      id={`row-${id}`}
      aria-selected={selected}
      aria-current={open ? 'true' : undefined}
      className={`queue-row${selected ? ' is-selected' : ''}${open ? ' is-open' : ''} priority-row-${appeal.priority}`}
      style={style}
      data-testid="queue-row"
      data-appeal-id={id}
      data-status={appeal.status}
      data-priority={appeal.priority}
      data-pending={pending ? 'true' : undefined}
      onClick={() => onActivate(id)}
    >
      <div className="row-main">
        <div className="row-line">
          <span className="row-number">{appeal.number}</span>
          <PriorityBadge priority={appeal.priority} quiet />
          <span className={`row-subject${appeal.subject.trim() === '' ? ' is-fallback' : ''}`}>{title || t('queue.noSubject')}</span>
        </div>
        <div className="row-line row-meta">
          <StatusBadge status={appeal.status} />
          <span className="row-category">{appeal.category ? t(`category.${appeal.category}`) : t('category.none')}</span>
          <ChannelTag channel={appeal.channel} />
          {municipality && <span className="row-municipality">{municipality}</span>}
        </div>
      </div>
      <div className="row-side">
        <DeadlineBadge deadline={nearestDeadline(appeal)} now={now} />
        {pending && <UnsentMark />}
      </div>
    </div>
  );
});
