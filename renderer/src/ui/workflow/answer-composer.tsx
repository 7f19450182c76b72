// The answer composer on the appeal: template, free text, "reports finished work" with its photo proof, the published preview, draft save, send or approval.
import { useEffect, useMemo, useState } from 'react';
import type { Appeal, Answer } from '../../../../shared/index.js';
import { templateContext } from '../../../../shared/templates.js';
import { newId } from '../../data/outbox.js';
import { currentAnswer, sentAnswers } from '../../data/workflow/answer-overlay.js';
import { fillTemplate, leftoverPlaceholders, missingProof, publishedPreview, templatesFor } from '../../data/workflow/answer-rules.js';
import { formatInstant } from '../format-date.js';
import { consoleStore, useConsole } from '../store-access.js';
import { useAction } from '../use-action.js';
import { useLanguage } from '../use-language.js';
import { useLookup } from '../use-lookup.js';
import { reviewOptions, sendOptions, type SendOption } from './answer-send.js';
import { Why } from './why.js';
import { useAppealAttachments } from './use-appeal-attachments.js';
import { useTranslation } from 'react-i18next';
import { useWorkflowT, type WorkflowKey } from './workflow-t.js';

interface Draft {
  text: string;
  reportsWork: boolean;
  templateId: string | null;
}

const draftOf = (answer: Answer | null): Draft => ({ text: answer?.text ?? '', reportsWork: answer?.reportsWork ?? false, templateId: answer?.templateId ?? null });
const sameDraft = (a: Draft, b: Draft) => a.text === b.text && a.reportsWork === b.reportsWork && a.templateId === b.templateId;

/** Sends the appeal through `steps` (appeal.transition each), in outbox order, so the server sees them as made. */
async function transitionAll(appealId: string, steps: ReadonlyArray<{ from: Appeal['status']; to: Appeal['status'] }>, reason: string | null = null) {
  for (const step of steps) {
    await consoleStore.getState().mutate('appeal.transition', { appealId, from: step.from, to: step.to, reason });
  }
}

function SentAnswers({ answers }: { answers: readonly Answer[] }) {
  const t = useWorkflowT();
  const lang = useLanguage();
  const { timeZone } = useLookup();
  return (
    <div className="sent-answers" data-testid="sent-answers">
      <h4>{t('answer.sentTitle')}</h4>
      {answers.length === 0 ? (
        <p className="muted">{t('answer.noneSent')}</p>
      ) : (
        <ol className="sent-answer-list">
          {answers.map((a) => (
            <li key={a.id} className="sent-answer" data-testid="sent-answer">
              <p className="muted">{t('answer.sentAt', { when: a.sentAt ? formatInstant(a.sentAt, lang, timeZone) : '—', name: a.authorName })}</p>
              <blockquote className="selectable answer-published">{a.publishedText ?? a.text}</blockquote>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ReturnForm({ onReturn, onCancel, busy }: { onReturn: (reason: string) => void; onCancel: () => void; busy: boolean }) {
  const t = useWorkflowT();
  const { t: tc } = useTranslation();
  const [reason, setReason] = useState('');
  const blank = reason.trim() === '';
  return (
    <form
      className="transition-form"
      data-testid="answer-return-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!blank) onReturn(reason.trim());
      }}
    >
      <label className="field">
        <span>{t('answer.returnReason')}</span>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} autoFocus data-testid="answer-return-reason" />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary-button" aria-disabled={blank} disabled={busy} data-testid="answer-return-confirm">
          {t('answer.confirmReturn')}
        </button>
        {blank && <Why>{t('actions.needReason')}</Why>}
        <button type="button" className="ghost-button" onClick={onCancel}>
          {tc('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function AnswerComposer({ appeal }: { appeal: Appeal }) {
  const t = useWorkflowT();
  const role = useConsole((s) => s.user?.role ?? 'operator');
  const answers = useConsole((s) => s.openAnswers);
  const workflow = useConsole((s) => s.workflow);
  const region = useConsole((s) => s.reference?.region ?? null);
  const { organisation: organisations } = useLookup();
  const organisation = organisations.get(appeal.organisationId);
  const attachments = useAppealAttachments(appeal.id);
  const { busy, error, run } = useAction();

  const mine = answers.filter((a) => a.appealId === appeal.id);
  const current = currentAnswer(mine);
  const sent = sentAnswers(mine);
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const [base, setBase] = useState<Answer | null>(current);
  const [templateProblems, setTemplateProblems] = useState<string[]>([]);
  const [returning, setReturning] = useState(false);
  const dirty = !sameDraft(draft, draftOf(current));

  // someone else's save (or this console's, confirmed) arrived: follow it unless the person is mid-edit
  useEffect(() => {
    if (current?.id === base?.id && current?.version === base?.version) return;
    if (sameDraft(draft, draftOf(base))) setDraft(draftOf(current));
    setBase(current);
  }, [current, base, draft]);

  const templates = useMemo(() => templatesFor(workflow?.templates ?? [], appeal.organisationId, appeal.category), [workflow, appeal.organisationId, appeal.category]);
  const reviewRequired = organisation?.answerReview ?? true;
  const hashtag = workflow?.regionSettings.hashtag ?? region?.hashtag ?? '';
  const signature = organisation?.signature ?? '';
  const leftovers = leftoverPlaceholders(draft.text);
  const missing = draft.reportsWork ? missingProof(attachments) : [];
  const inReview = appeal.status === 'answer_review';
  const writing = !inReview && ['in_progress', 'answer_draft', 'reopened'].includes(appeal.status);
  const options = writing ? sendOptions(appeal.status, role, reviewRequired) : [];
  // who may not send an answer (field crews, the hotline) does not write one either: the operator does
  const refusedWriter: WorkflowKey | null = writing && !options.some((o) => o.allowed) ? 'answer.operatorWrites' : null;
  const editable = writing && refusedWriter === null;
  const review = reviewOptions(role, reviewRequired);

  /** Why the answer may not go out yet (or null): the first thing the person has to fix. */
  const blocker: WorkflowKey | null = draft.text.trim() === '' ? 'answer.needText' : leftovers.length > 0 ? 'answer.templateError' : missing.length > 0 ? 'answer.needProof' : null;
  const blockerText = (key: WorkflowKey) =>
    key === 'answer.templateError' ? t(key, { names: leftovers.join(', ') }) : key === 'answer.needProof' ? t('answer.proofMissing', { missing: missing.map((k) => t(k === 'before' ? 'answer.proofBefore' : 'answer.proofAfter')).join(', ') }) : t(key);

  const applyTemplate = (templateId: string) => {
    const template = templates.find((x) => x.id === templateId);
    if (!template) return setDraft((d) => ({ ...d, templateId: null }));
    const context = organisation ? templateContext(appeal, organisation, new Date()) : {};
    const filled = fillTemplate(template.body, context);
    setTemplateProblems(filled.problems);
    setDraft({ text: filled.text, reportsWork: template.reportsWork, templateId: template.id });
  };

  const save = async () => {
    await consoleStore.getState().mutateWorkflow('answer.save', {
      appealId: appeal.id,
      answerId: current?.id ?? newId(),
      text: draft.text,
      reportsWork: draft.reportsWork,
      templateId: draft.templateId,
      expectedVersion: current?.version ?? 0,
    });
  };

  const send = (option: SendOption) =>
    run(async () => {
      if (dirty || !current) await save();
      await transitionAll(appeal.id, option.steps);
    });

  return (
    <div className="answer-composer" data-testid="answer-composer" data-answer-status={current?.status ?? 'none'} data-answer-version={current?.version ?? 0}>
      {inReview && (
        <p className="answer-review-note" data-testid="answer-in-review">
          {t('answer.inReview')}
          {current && <span className="muted"> · {t('answer.reviewBy', { name: current.authorName })}</span>}
        </p>
      )}
      {!writing && !inReview && !current && sent.length === 0 && <p className="muted">{t('answer.notComposing')}</p>}
      {refusedWriter && <Why testId="answer-why-write">{t(refusedWriter)}</Why>}

      {editable && (
        <div className="answer-template-row">
          <label className="field">
            <span>{t('answer.template')}</span>
            <select value={draft.templateId ?? ''} onChange={(e) => applyTemplate(e.target.value)} data-testid="answer-template">
              <option value="">{t('answer.noTemplate')}</option>
              {templates.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </select>
          </label>
          <p className="field-note muted">{t('answer.templateHint')}</p>
        </div>
      )}
      {templateProblems.length > 0 && (
        <p className="form-error" role="alert" data-testid="answer-template-error">
          {t('answer.templateError', { names: templateProblems.join(', ') })}
        </p>
      )}

      {(editable || current) && (
        <label className="field">
          <span>{t('answer.text')}</span>
          <textarea
            value={draft.text}
            onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))}
            rows={6}
            readOnly={!editable}
            placeholder={t('answer.textPlaceholder')}
            data-testid="answer-text"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && editable) {
                e.preventDefault();
                void run(save);
              }
            }}
          />
        </label>
      )}

      {(editable || current) && (
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={draft.reportsWork}
            disabled={!editable}
            onChange={(e) => setDraft((d) => ({ ...d, reportsWork: e.target.checked }))}
            data-testid="answer-reports-work"
          />
          <span>
            {t('answer.reportsWork')} <em className="field-note muted">· {t('answer.reportsWorkHint')}</em>
          </span>
        </label>
      )}
      {draft.reportsWork && (
        <p className={missing.length > 0 ? 'proof-missing' : 'proof-ok'} data-testid="answer-proof" data-missing={missing.join(',')}>
          {missing.length > 0 ? blockerText('answer.needProof') : t('answer.proofOk')}
        </p>
      )}

      {(editable || current) && (
        <div className="answer-preview" data-testid="answer-preview">
          <span className="answer-preview-label">{t('answer.preview')}</span>
          {draft.text.trim() === '' ? <p className="muted">{t('answer.previewEmpty')}</p> : <blockquote className="answer-published">{publishedPreview(draft.text, signature, hashtag)}</blockquote>}
          {!signature && <p className="muted">{t('answer.signatureMissing')}</p>}
        </div>
      )}

      {current && (
        <p className="muted answer-state" data-testid="answer-state">
          {dirty ? t('answer.unsaved') : t('answer.saved', { version: current.version })}
        </p>
      )}

      {editable && (
        <div className="form-actions answer-actions">
          <button type="button" className="ghost-button" onClick={() => void run(save)} disabled={busy || !dirty} data-testid="answer-save">
            {t('answer.saveDraft')}
          </button>
          {options.map((option) => {
            const why = !option.allowed && option.why ? t(option.why) : blocker ? blockerText(blocker) : null;
            return (
              <span key={option.to} className="action-wrap">
                <button
                  type="button"
                  className="primary-button"
                  aria-disabled={why !== null}
                  disabled={busy}
                  title={why ?? undefined}
                  onClick={() => why === null && void send(option)}
                  data-testid={option.to === 'answer_review' ? 'answer-send-review' : 'answer-send'}
                >
                  {t(option.to === 'answer_review' ? 'answer.sendForReview' : 'answer.send')}
                </button>
                {why && <Why testId={`answer-why-${option.to}`}>{why}</Why>}
              </span>
            );
          })}
        </div>
      )}

      {inReview && (
        <div className="form-actions answer-actions">
          <span className="action-wrap">
            <button
              type="button"
              className="primary-button"
              aria-disabled={!review.canApprove || blocker !== null}
              disabled={busy}
              title={!review.canApprove ? t('answer.onlyApprover') : blocker ? blockerText(blocker) : undefined}
              onClick={() => review.canApprove && blocker === null && void run(() => transitionAll(appeal.id, [{ from: 'answer_review', to: 'answered' }]))}
              data-testid="answer-approve"
            >
              {t('answer.approve')}
            </button>
            {!review.canApprove ? <Why testId="answer-why-approve">{t('answer.onlyApprover')}</Why> : blocker && <Why testId="answer-why-approve">{blockerText(blocker)}</Why>}
          </span>
          {review.canReturn && !returning && (
            <button type="button" className="ghost-button" onClick={() => setReturning(true)} disabled={busy} data-testid="answer-return">
              {t('answer.returnForFix')}
            </button>
          )}
        </div>
      )}
      {inReview && returning && (
        <ReturnForm
          busy={busy}
          onCancel={() => setReturning(false)}
          onReturn={(reason) =>
            void run(() => transitionAll(appeal.id, [{ from: 'answer_review', to: 'answer_draft' }], reason)).then((ok) => ok && setReturning(false))
          }
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <SentAnswers answers={sent} />
    </div>
  );
}
