// The appeal screen (a side panel beside the queue): original text and source, citizen, deadlines, status actions, triage, assignment, text, comments, history.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/index.js';
import { getBridge } from '../bridge/index.js';
import { AppealTextForm } from './appeal-text-form.js';
import { AssignForm } from './assign-form.js';
import { ChannelTag, DeadlineBadge, Kbd, PriorityBadge, StatusBadge, UnsentMark } from './badges.js';
import { CommentList } from './comment-list.js';
import { formatInstant } from './format-date.js';
import { HistoryTimeline } from './history-timeline.js';
import { PhotoSection } from './photos/photo-section.js';
import { StatusActions } from './status-actions.js';
import { useConsole } from './store-access.js';
import { nearestDeadline } from './time-left.js';
import { TriageForm } from './triage-form.js';
import { useLanguage } from './use-language.js';
import { useLookup } from './use-lookup.js';
import { useNow } from './use-now.js';
import { AnswerComposer } from './workflow/answer-composer.js';
import { DeadlineExtras } from './workflow/deadline-extras.js';
import { useLogView } from './workflow/use-log-view.js';
import { useWorkflowT } from './workflow/workflow-t.js';

function Section({ title, children, testId, aside }: { title: string; children: ReactNode; testId?: string; aside?: ReactNode }) {
  return (
    <section className="panel-section" data-testid={testId}>
      <div className="panel-section-head">
        <h3>{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

function SourceLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <a
        href={url}
        className="source-link"
        data-testid="source-link"
        rel="noreferrer noopener"
        onClick={(e) => {
          e.preventDefault();
          setError(null);
          void getBridge().openExternal(url).then((r) => {
            if (!r.ok) setError(r.error.message);
          });
        }}
      >
        {t('appeal.openSource')} ↗
      </a>
      {error && <span className="form-error" role="alert">{error}</span>}
    </>
  );
}

function Deadlines({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { timeZone } = useLookup();
  const now = useNow(30_000);
  const nearest = nearestDeadline(appeal);
  const row = (kind: 'firstReaction' | 'resolution', due: string | null) => {
    if (!due) return null;
    const dueMs = Date.parse(due);
    const done = kind === 'firstReaction' && appeal.firstReactionAt !== null;
    return (
      <div className="deadline-row" data-testid={`deadline-${kind}`}>
        <span className="deadline-label">{t(`deadline.${kind}`)}</span>
        <span className="deadline-when">{t('deadline.dueAt', { when: formatInstant(due, lang, timeZone) })}</span>
        {done ? (
          <span className="muted">{t('deadline.reacted', { when: formatInstant(appeal.firstReactionAt!, lang, timeZone) })}</span>
        ) : (
          <DeadlineBadge deadline={nearest && nearest.kind === kind ? nearest : { kind, dueAt: due, dueMs }} now={now} style="long" />
        )}
      </div>
    );
  };
  return (
    <div className="deadlines">
      {row('firstReaction', appeal.firstReactionDueAt)}
      {row('resolution', appeal.resolutionDueAt)}
      {!appeal.firstReactionDueAt && !appeal.resolutionDueAt && <span className="muted">{t('deadline.none')}</span>}
    </div>
  );
}

function Citizen({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  useLogView(appeal.id);
  const c = appeal.citizen;
  const rows: [string, string | null, string][] = [
    [t('appeal.citizenName'), c.name, 'citizen-name'],
    [t('appeal.phone'), c.phone, 'citizen-phone'],
    [t('appeal.email'), c.email, 'citizen-email'],
    [t('appeal.handle'), c.handle, 'citizen-handle'],
    [t('appeal.address'), appeal.address || null, 'appeal-address'],
  ];
  return (
    <dl className="facts" data-testid="citizen">
      {rows.map(([label, value, testId]) =>
        value ? (
          <div key={testId} className="fact">
            <dt>{label}</dt>
            <dd data-testid={testId} className="selectable">{value}</dd>
          </div>
        ) : null,
      )}
      <div className="fact">
        <dt>{t('appeal.consent')}</dt>
        <dd>{appeal.consent ? t('appeal.consentYes') : t('appeal.consentNo')}</dd>
      </div>
    </dl>
  );
}

/** `settled`: the open appeal has been looked up, so no detail now means it is not here (any more). */
export function AppealPanel({ onClose, settled }: { onClose: () => void; settled: boolean }) {
  const { t } = useTranslation();
  const tw = useWorkflowT();
  const lang = useLanguage();
  const { timeZone } = useLookup();
  const openId = useConsole((s) => s.openAppealId);
  const detail = useConsole((s) => (s.detail && s.detail.appeal.id === s.openAppealId ? s.detail : null));
  const appeal = detail?.appeal;

  const close = (
    <button type="button" className="icon-button" onClick={onClose} aria-label={t('appeal.close')} title={`${t('appeal.close')} (Esc)`} data-testid="appeal-close">
      ×
    </button>
  );

  if (!appeal || !detail) {
    return (
      <aside className="appeal-panel" aria-busy={!settled} data-testid="appeal-panel" data-appeal-id={openId ?? undefined}>
        <div className="panel-header">
          <span />
          <div className="panel-header-side">{close}</div>
        </div>
        <p className="muted panel-loading" data-testid={settled ? 'appeal-not-found' : 'appeal-loading'}>
          {settled ? t('appeal.notFound') : t('appeal.loading')}
        </p>
      </aside>
    );
  }

  const pending = detail.pendingMutationIds.length;
  return (
    <aside className="appeal-panel" aria-label={t('appeal.label', { number: appeal.number })} data-testid="appeal-panel" data-appeal-id={appeal.id} data-version={appeal.version}>
      <div className="panel-header">
        <div className="panel-title">
          <h2 data-testid="appeal-number">{appeal.number}</h2>
          <PriorityBadge priority={appeal.priority} />
          <StatusBadge status={appeal.status} />
          {pending > 0 && <UnsentMark count={pending} />}
        </div>
        <div className="panel-header-side">
          <Kbd>Esc</Kbd>
          {close}
        </div>
      </div>
      <div className="panel-body">
        <p className="panel-subline muted">
          {t('appeal.received', { when: formatInstant(appeal.receivedAt, lang, timeZone), channel: t(`channel.${appeal.channel}`) })} · {t(`kind.${appeal.kind}`)}
        </p>

        <Section title={t('appeal.actions')} testId="section-actions">
          <StatusActions key={appeal.id} appeal={appeal} />
        </Section>

        <Section title={t('appeal.deadlines')} testId="section-deadlines">
          <Deadlines appeal={appeal} />
          <DeadlineExtras appeal={appeal} />
        </Section>

        <Section
          title={t('appeal.originalText')}
          testId="section-original"
          aside={
            <span className="section-aside">
              <ChannelTag channel={appeal.channel} full />
              {appeal.externalRef?.url && <SourceLink url={appeal.externalRef.url} />}
            </span>
          }
        >
          <blockquote className="original-text selectable" data-testid="original-text" title={t('appeal.originalHint')}>
            {appeal.originalText}
          </blockquote>
        </Section>

        <Section title={t('appeal.citizen')} testId="section-citizen">
          <Citizen appeal={appeal} />
        </Section>

        <Section title={tw('answer.title')} testId="section-answer">
          <AnswerComposer key={appeal.id} appeal={appeal} />
        </Section>

        <Section title={t('appeal.work')} testId="section-text">
          <AppealTextForm key={appeal.id} appeal={appeal} />
        </Section>

        <Section title={t('appeal.triage')} testId="section-triage">
          <TriageForm key={appeal.id} appeal={appeal} />
        </Section>

        <Section title={t('appeal.assignment')} testId="section-assignment">
          <AssignForm key={appeal.id} appeal={appeal} />
        </Section>

        <Section title={t('appeal.photos')} testId="section-photos">
          <PhotoSection key={appeal.id} appealId={appeal.id} />
        </Section>

        <Section title={t('appeal.comments')} testId="section-comments">
          <CommentList key={appeal.id} appealId={appeal.id} comments={detail.comments} />
        </Section>

        <Section title={t('appeal.history')} testId="section-history">
          <HistoryTimeline events={detail.events} complete={detail.historyComplete} />
        </Section>
      </div>
    </aside>
  );
}
