// The intake's right-hand column: the caller's earlier appeals by phone and the possible repeats offered for linking.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal, CallerHistoryAppeal } from '../../../../shared/index.js';
import type { PossibleDuplicate } from '../../../../shared/hotline/duplicates.js';
import { formatPhone } from '../../../../shared/hotline/phone.js';
import { Kbd, PriorityBadge, StatusBadge } from '../badges.js';
import { formatInstant } from '../format-date.js';
import { useLanguage } from '../use-language.js';
import type { CallerMatch } from './caller-index.js';
import type { LinkedAppeal } from './intake-draft.js';
import type { IntakeT } from './intake-t.js';

const clip = (text: string, n = 110) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function AppealLine({ appeal, timeZone, showPhone }: { appeal: Appeal; timeZone: string | undefined; showPhone: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <>
      <div className="intake-appeal-head">
        <span className="intake-appeal-number selectable">{appeal.number}</span>
        <StatusBadge status={appeal.status} />
        <PriorityBadge priority={appeal.priority} quiet />
        <span className="muted small">{formatInstant(appeal.receivedAt, lang, timeZone, 'date')}</span>
      </div>
      <div className="intake-appeal-text">{clip(appeal.originalText)}</div>
      <div className="muted small">
        {[showPhone && appeal.citizen.phone ? formatPhone(appeal.citizen.phone) : null, appeal.citizen.name, appeal.category ? t(`category.${appeal.category}`) : null, appeal.address]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </>
  );
}

interface CallerHistoryProps {
  t: IntakeT;
  /** The phone as typed, which `match` answers. */
  query: string;
  match: CallerMatch | null;
  loading: boolean;
  timeZone: string | undefined;
  /** Appeals only the server knows of (online, number complete), shown after the local ones. */
  serverAppeals?: readonly CallerHistoryAppeal[];
  /** The server was asked and did not answer usefully. */
  serverFailed?: boolean;
}

function ServerAppealLine({ t, appeal, timeZone }: { t: IntakeT; appeal: CallerHistoryAppeal; timeZone: string | undefined }) {
  const lang = useLanguage();
  return (
    <>
      <div className="intake-appeal-head">
        <span className="intake-appeal-number selectable">{appeal.number}</span>
        <StatusBadge status={appeal.status} />
        <span className="muted small">{formatInstant(appeal.receivedAt, lang, timeZone, 'date')}</span>
        <span className="muted small">· {t('historyServer')}</span>
      </div>
      <div className="intake-appeal-text">{clip(appeal.subject)}</div>
    </>
  );
}

// memo: typing the appeal's text must not re-render the history beside it
export const CallerHistory = memo(function CallerHistory({ t, query, match, loading, timeZone, serverAppeals = [], serverFailed = false }: CallerHistoryProps) {
  const fromServer = match?.exact ? serverAppeals : [];
  let body;
  if (loading) body = <p className="muted">{t('historyLoading')}</p>;
  else if (!match || (match.appeals.length === 0 && !match.exact)) body = <p className="muted">{t('historyWaiting')}</p>;
  else if (match.appeals.length === 0 && fromServer.length === 0) body = <p className="muted" data-testid="intake-history-none">{t('historyNone')}</p>;
  else {
    body = (
      <>
        {!match.exact && <p className="muted small">{t('historyFits')}</p>}
        <ul className="intake-list">
          {match.appeals.map((a) => (
            <li key={a.id} data-testid="intake-history-item" data-number={a.number} data-status={a.status}>
              <AppealLine appeal={a} timeZone={timeZone} showPhone={!match.exact} />
            </li>
          ))}
          {fromServer.map((a) => (
            <li key={a.id} data-testid="intake-history-server-item" data-number={a.number} data-status={a.status}>
              <ServerAppealLine t={t} appeal={a} timeZone={timeZone} />
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <section className="intake-side-section" aria-live="polite" data-testid="intake-history" data-count={match?.appeals.length ?? 0} data-query={query}>
      <h3>
        {t('history')} <span className="muted small">· {t('historySource')}</span>
      </h3>
      {body}
      {serverFailed && match?.exact && (
        <p className="muted small" data-testid="intake-history-server-unavailable">
          {t('historyServerUnavailable')}
        </p>
      )}
    </section>
  );
});

interface DuplicateListProps {
  t: IntakeT;
  duplicates: PossibleDuplicate[] | null;
  linked: readonly LinkedAppeal[];
  onToggle(appeal: LinkedAppeal): void;
  timeZone: string | undefined;
}

export const DuplicateList = memo(function DuplicateList({ t, duplicates, linked, onToggle, timeZone }: DuplicateListProps) {
  let body;
  if (duplicates === null) body = <p className="muted">{t('duplicatesWaiting')}</p>;
  else if (duplicates.length === 0) body = <p className="muted">{t('duplicatesNone')}</p>;
  else {
    body = (
      <ul className="intake-list">
        {duplicates.map((d, i) => (
          <li key={d.appeal.id} data-testid="intake-duplicate" data-number={d.appeal.number}>
            <label className="intake-link">
              <input type="checkbox" checked={linked.some((l) => l.id === d.appeal.id)} onChange={() => onToggle(d.appeal)} data-testid="intake-duplicate-link" />
              {t('link')}
              {i === 0 && <Kbd>Alt+D</Kbd>}
              <span className="muted small">{d.reasons.map((r) => t(`reason.${r}`)).join(', ')}</span>
            </label>
            <AppealLine appeal={d.appeal} timeZone={timeZone} showPhone />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section className="intake-side-section" aria-live="polite" data-testid="intake-duplicates" data-count={duplicates?.length ?? 0}>
      <h3>{t('duplicates')}</h3>
      {body}
    </section>
  );
});
