// One row of the queue, painted from the compact queue entry: number, priority, subject, status, category, channel, municipality, time left, unsent mark.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelTag, DeadlineBadge, PriorityBadge, StatusBadge, UnsentMark } from './badges.js';
import { consoleStore } from './store-access.js';
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

export const QueueRow = memo(function QueueRow({ id, start, selected, open, pending, now, lookup, onActivate }: QueueRowProps) {
  const { t } = useTranslation();
  // the compact queue entry (kept current with pending work replayed): no whole appeal needed to paint a row
  const row = consoleStore.getState().getQueueRow(id);
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (!row) {
    return <div className="queue-row queue-row-loading" style={style} role="option" aria-selected={selected} aria-busy="true" id={`row-${id}`} />;
  }
  const municipality = row.municipalityId ? lookup.municipality.get(row.municipalityId)?.name : undefined;
  const deadline = row.due === null || row.dueKind === null ? null : { kind: row.dueKind, dueAt: new Date(row.due).toISOString(), dueMs: row.due };
  return (
    <div
      role="option"
      id={`row-${id}`}
      aria-selected={selected}
      aria-current={open ? 'true' : undefined}
      className={`queue-row${selected ? ' is-selected' : ''}${open ? ' is-open' : ''} priority-row-${row.priority}`}
      style={style}
      data-testid="queue-row"
      data-appeal-id={id}
      data-status={row.status}
      data-priority={row.priority}
      data-pending={pending ? 'true' : undefined}
      onClick={() => onActivate(id)}
    >
      <div className="row-main">
        <div className="row-line">
          <span className="row-number">{row.number}</span>
          <PriorityBadge priority={row.priority} quiet />
          {/* a title still being read at start (most of the packed queue's bytes) shows as loading, not as missing */}
          <span className={`row-subject${row.titleFromText ? ' is-fallback' : ''}`} aria-busy={row.titlePending ? true : undefined}>
            {row.titlePending ? '…' : row.title || t('queue.noSubject')}
          </span>
        </div>
        <div className="row-line row-meta">
          <StatusBadge status={row.status} />
          <span className="row-category">{row.category ? t(`category.${row.category}`) : t('category.none')}</span>
          <ChannelTag channel={row.channel} />
          {municipality && <span className="row-municipality">{municipality}</span>}
        </div>
      </div>
      <div className="row-side">
        <DeadlineBadge deadline={deadline} now={now} />
        {pending && <UnsentMark />}
      </div>
    </div>
  );
});
