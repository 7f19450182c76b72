// Small labels used across the console: priority, status, channel, deadline countdown, unsent mark, keyboard key.
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Priority, Status } from '../../../shared/index.js';
import { formatTimeLeft, urgency, type Deadline, type TimeStyle } from './time-left.js';

export const PriorityBadge = memo(function PriorityBadge({ priority, quiet = false }: { priority: Priority; quiet?: boolean }) {
  const { t } = useTranslation();
  // a standard appeal is the norm: in dense lists it gets no badge at all
  if (quiet && priority === 'standard') return null;
  return (
    <span className={`badge priority priority-${priority}`} data-testid="priority-badge" data-priority={priority}>
      {t(`priority.${priority}`)}
    </span>
  );
});

export const StatusBadge = memo(function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status status-${status}`} data-testid="status-badge" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
});

export const ChannelTag = memo(function ChannelTag({ channel, full = false }: { channel: Channel; full?: boolean }) {
  const { t } = useTranslation();
  const name = t(`channel.${channel}`);
  return (
    <span className={`channel channel-${channel}`} title={name} data-channel={channel}>
      <span className="channel-icon" aria-hidden="true">{t(`channelShort.${channel}`)}</span>
      {full ? <span className="channel-name">{name}</span> : <span className="visually-hidden">{name}</span>}
    </span>
  );
});

interface DeadlineBadgeProps {
  deadline: Deadline | null;
  now: number;
  style?: TimeStyle;
  /** Prefix the kind of deadline ("Первая реакция"). */
  showKind?: boolean;
}

export const DeadlineBadge = memo(function DeadlineBadge({ deadline, now, style = 'short', showKind = false }: DeadlineBadgeProps) {
  const { t } = useTranslation();
  if (!deadline) {
    return <span className="deadline deadline-none" data-testid="time-left" data-urgency="none">{t('deadline.none')}</span>;
  }
  const level = urgency(deadline, now);
  return (
    <span className={`deadline deadline-${level}`} data-testid="time-left" data-urgency={level} title={t(`deadline.${deadline.kind}`)}>
      {/* "просрочено на 2 д" says it already; "через 3 ч" needs the word that it is close */}
      {level === 'near' && <span className="deadline-flag">{t('deadline.near')}</span>}
      {showKind && <span className="deadline-kind">{t(`deadline.${deadline.kind}`)}: </span>}
      <span className="deadline-text">{formatTimeLeft(t, deadline.dueMs, now, style)}</span>
    </span>
  );
});

export function UnsentMark({ count }: { count?: number }) {
  const { t } = useTranslation();
  return (
    <span className="unsent" data-testid="unsent-mark" title={t('queue.unsentHint')}>
      <span className="unsent-dot" aria-hidden="true" />
      {count !== undefined && count > 1 ? `${t('queue.unsent')} · ${count}` : t('queue.unsent')}
    </span>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
