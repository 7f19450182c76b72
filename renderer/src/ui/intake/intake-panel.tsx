// The hotline intake screen: a full-height panel for logging a call by keyboard alone, with completion, suggestions, caller history, repeats, and the number and deadline to read back.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { APPEAL_KINDS, CATEGORIES, PRIORITIES, type AppealKind, type CallerHistoryAppeal, type Category, type Priority } from '../../../../shared/index.js';
import type { ClassifierModel } from '../../../../shared/classifier/classifier.js';
import committedModel from '../../../../shared/classifier/model.json';
import { makeAppealNumber } from '../../../../shared/hotline/appeal-number.js';
import { findPossibleDuplicates, type PossibleDuplicate } from '../../../../shared/hotline/duplicates.js';
import { formatPhone, normalisePhone } from '../../../../shared/hotline/phone.js';
import { priorityHints } from '../../../../shared/hotline/priority-hints.js';
import { newId } from '../../data/outbox.js';
import { Kbd } from '../badges.js';
import { formatInstant } from '../format-date.js';
import { consoleStore, useConsole } from '../store-access.js';
import { useLanguage } from '../use-language.js';
import { useLookup } from '../use-lookup.js';
import { completeSettlements, completeStreets, findSettlement } from './address-directory.js';
import { AddressCombobox } from './address-combobox.js';
import { takeSequence } from './appeal-sequence.js';
import { categorySuggestions, suggestionIndexForKey, warmClassifier } from './category-suggestions.js';
import { highlightPieces } from './hint-highlight.js';
import {
  createArgs, draftAddress, draftIsBlank, draftProblem, duplicateCandidate, emptyDraft, firstReactionDue, INTAKE_CHANNELS,
  phoneLooksWrong, resolvedKind, resolvedPriority, toggleLinked, type CreateIdentity, type IntakeChannel, type IntakeDraft, type LinkedAppeal,
} from './intake-draft.js';
import { CallerHistory, DuplicateList } from './intake-side.js';
import { fetchServerHistory, serverOnly } from './server-history.js';
import { useIntakeT } from './intake-t.js';
import {
  followLocalChanges, loadLocalAppeals, localAppealsNow, localAppealsVersion, rememberSaved, subscribeLocalAppeals,
} from './local-appeals.js';

const model = committedModel as unknown as ClassifierModel;

interface Confirmation {
  appealId: string;
  number: string;
  firstReactionDueAt: string;
  offline: boolean;
  state: 'saving' | 'saved' | 'failed';
}

/** Work the first call should not wait for: the classifier's tables. */
export function warmIntake(): void {
  warmClassifier(model);
}

const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function IntakePanel({ onClose }: { onClose(): void }) {
  const t = useIntakeT();
  const { t: tc } = useTranslation();
  const lang = useLanguage();
  const user = useConsole((s) => s.user);
  const online = useConsole((s) => s.sync.connection === 'online');
  const { organisation, timeZone } = useLookup();
  const localVersion = useSyncExternalStore(subscribeLocalAppeals, localAppealsVersion);
  const local = localAppealsNow();

  const [draft, setDraft] = useState<IntakeDraft>(() => emptyDraft());
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  const preparing = useRef(false);
  /** The number given for a call whose local write failed: the retry keeps it, since the caller may have heard it. */
  const retry = useRef<CreateIdentity | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const streetRef = useRef<HTMLInputElement>(null);
  const houseRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const discardRef = useRef<HTMLButtonElement>(null);
  const focusBeforeDiscard = useRef<HTMLElement | null>(null);

  const update = (patch: Partial<IntakeDraft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    phoneRef.current?.focus();
    // Esc is ours (it asks before losing a draft); the browser's own close must not win
    const cancel = (e: Event) => e.preventDefault();
    dialog.addEventListener('cancel', cancel);
    void loadLocalAppeals();
    const stopFollowing = followLocalChanges();
    return () => {
      stopFollowing();
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  // after the render: while the question is up the form is inert and cannot take the focus back
  useEffect(() => {
    if (askDiscard) {
      discardRef.current?.focus();
    } else {
      focusBeforeDiscard.current?.focus();
      focusBeforeDiscard.current = null;
    }
  }, [askDiscard]);

  // Help while typing: synchronous, so a suggestion is on screen in the same frame as the keystroke.
  const hints = useMemo(() => priorityHints(draft.text, { month: new Date().getMonth() + 1 }), [draft.text]);
  const suggestions = useMemo(() => categorySuggestions(draft.text, model), [draft.text]);
  // the index is mutated in place: its version says when it changed
  const history = useMemo(() => local?.callers.find(draft.phone) ?? null, [local, localVersion, draft.phone]);
  // The server's history when online, once the number is complete; the local list above stays instant and is never held back.
  const completePhone = useMemo(() => normalisePhone(draft.phone), [draft.phone]);
  const [server, setServer] = useState<{ phone: string; appeals: CallerHistoryAppeal[] | null } | null>(null);
  useEffect(() => {
    if (!online || completePhone === null) return;
    const token = consoleStore.runtime.session?.accessToken;
    if (!token) return;
    const abort = new AbortController();
    void fetchServerHistory((url, init) => fetch(url, init), consoleStore.getState().serverUrl, token, completePhone, abort.signal).then((appeals) => {
      if (!abort.signal.aborted) setServer({ phone: completePhone, appeals });
    });
    return () => abort.abort();
  }, [online, completePhone]);
  const serverFor = online && server !== null && server.phone === completePhone ? server : null;
  const serverAppeals = useMemo(
    () => (serverFor?.appeals && history?.exact ? serverOnly(serverFor.appeals, history.appeals) : []),
    [serverFor, history],
  );
  const settlement = useMemo(() => findSettlement(draft.settlement), [draft.settlement]);
  const settlementOptions = useMemo(() => completeSettlements(draft.settlement).map((s) => s.label), [draft.settlement]);
  const streetOptions = useMemo(() => completeStreets(settlement, draft.street), [settlement, draft.street]);
  const dupCategory = draft.category ?? suggestions[0]?.category ?? null;
  const address = draftAddress(draft);

  useEffect(() => {
    if (!local || address === '') {
      setDuplicates(null);
      return;
    }
    // stemming a fortnight of appeals is too much for every keystroke: wait for a pause
    const timer = setTimeout(() => {
      setDuplicates(findPossibleDuplicates(duplicateCandidate(draft, dupCategory, new Date().toISOString()), local.recent, { limit: 5 }));
    }, 150);
    return () => clearTimeout(timer);
  }, [local, localVersion, address, draft.text, dupCategory]);

  const acceptSuggestion = (index: number) => {
    const s = suggestions[index];
    if (s) update({ category: s.category });
  };

  const toggleLink = useCallback((appeal: LinkedAppeal) => setDraft((d) => ({ ...d, linked: toggleLinked(d.linked, appeal) })), []);

  const save = async () => {
    if (preparing.current || !user) return;
    if (draftProblem(draft)) {
      setShowProblems(true);
      textRef.current?.focus();
      return;
    }
    let args: ReturnType<typeof createArgs>;
    preparing.current = true;
    try {
      const known = local ?? (await loadLocalAppeals());
      const prefix = organisation.get(user.organisationId)?.prefix || 'ОТК';
      const identity = retry.current ?? {
        id: newId(),
        number: makeAppealNumber({ prefix, clientId: known.clientId, seq: takeSequence(window.localStorage, known.clientId, known.ownNumbers) }),
        receivedAt: new Date().toISOString(),
      };
      args = createArgs(draft, hints.priority, identity);
    } finally {
      preparing.current = false;
    }
    retry.current = null;
    const call = draft;
    const store = consoleStore.getState();
    // Number and deadline are known without any I/O: on screen at once, so the operator starts reading while
    // the local write commits (marked «saving» until it has).
    setConfirmation({ appealId: args.id, number: args.number, firstReactionDueAt: firstReactionDue(args, timeZone ?? localTimeZone()), offline: !online, state: 'saving' });
    setDraft(emptyDraft(call.channel));
    setShowProblems(false);
    setDuplicates(null);
    setError(null);
    phoneRef.current?.focus();
    try {
      await store.mutate('appeal.create', args);
    } catch (e) {
      // nothing is lost: the call comes back into the form, and Enter retries under the number already given
      retry.current = { id: args.id, number: args.number, receivedAt: args.receivedAt };
      setConfirmation((c) => (c?.appealId === args.id ? { ...c, state: 'failed' } : c));
      setDraft(call);
      setError(t('saveFailed', { message: e instanceof Error ? e.message : String(e) }));
      return;
    }
    setConfirmation((c) => (c?.appealId === args.id ? { ...c, state: 'saved' } : c));
    const saved = store.getAppeal(args.id);
    if (saved) rememberSaved(saved);
    // Linking: a comment on the new appeal naming each earlier one, in its history for whoever triages it and
    // decides on merging (the hotline may comment, not decline). The number is the one the operator saw: the
    // earlier appeal need not be in memory now.
    for (const other of call.linked) {
      try {
        await store.mutate('appeal.comment', { appealId: args.id, commentId: newId(), text: t('linkComment', { number: other.number }) });
      } catch (e) {
        setError(t('linkFailed', { number: other.number, message: e instanceof Error ? e.message : String(e) }));
      }
    }
  };

  const close = () => {
    if (draftIsBlank(draft)) return onClose();
    focusBeforeDiscard.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAskDiscard(true);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.isDefaultPrevented() || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (askDiscard) {
      if (e.key === 'Escape') {
        e.preventDefault();
        setAskDiscard(false);
      }
      return; // Enter on the focused «Закрыть» button closes; Tab reaches «Вернуться»
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'F2') {
      e.preventDefault();
      phoneRef.current?.focus();
    } else if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const index = suggestionIndexForKey(e.code);
      if (index !== null) acceptSuggestion(index);
      else if (e.code === 'KeyD' && duplicates?.[0]) toggleLink(duplicates[0].appeal);
      else return;
      e.preventDefault();
    } else if (e.key === 'Enter') {
      if (target.tagName === 'BUTTON') return; // the button does what it says
      if (target.tagName === 'TEXTAREA' && !(e.ctrlKey || e.metaKey)) return; // a new line
      e.preventDefault();
      void save();
    }
  };

  const priority = resolvedPriority(draft, hints.priority);
  const kind = resolvedKind(draft);
  const pieces = highlightPieces(draft.text, hints.matches);
  const textMissing = showProblems && draftProblem(draft) === 'text_required';

  return (
    <dialog ref={dialogRef} className="intake" aria-labelledby="intake-title" onKeyDown={onKeyDown} data-testid="intake">
      <header className="intake-header">
        <h2 id="intake-title">{t(`title.${draft.channel}`)}</h2>
        <label className="intake-channel">
          <span className="visually-hidden">{t('channel')}</span>
          <select
            value={draft.channel}
            onChange={(e) => update({ channel: e.target.value as IntakeChannel })}
            data-testid="intake-channel"
          >
            {INTAKE_CHANNELS.map((c) => (
              <option key={c} value={c}>{tc(`channel.${c}`)}</option>
            ))}
          </select>
        </label>
        <span className={`intake-connection ${online ? 'online' : 'offline'}`}>{tc(online ? 'connection.online' : 'connection.offline')}</span>
        <button type="button" className="icon-button" onClick={close} aria-label={t('close')} title={`${t('close')} (Esc)`} tabIndex={-1}>
          ×
        </button>
      </header>

      {confirmation && (
        <section
          className={`intake-confirmation ${confirmation.state}${draftIsBlank(draft) || confirmation.state === 'failed' ? '' : ' earlier'}`}
          role="status"
          data-testid="intake-confirmation"
          data-number={confirmation.number}
          data-appeal-id={confirmation.appealId}
          data-state={confirmation.state}
        >
          <div>
            <div className="intake-confirmation-label">{t('number')}</div>
            <div className="intake-confirmation-number selectable" data-testid="intake-confirmation-number">{confirmation.number}</div>
          </div>
          <div>
            <div className="intake-confirmation-label">{t('firstReaction')}</div>
            <div className="intake-confirmation-due" data-testid="intake-confirmation-due" data-at={confirmation.firstReactionDueAt}>
              {formatInstant(confirmation.firstReactionDueAt, lang, timeZone, 'time')}
              <span className="intake-confirmation-date"> {formatInstant(confirmation.firstReactionDueAt, lang, timeZone, 'date')}</span>
            </div>
          </div>
          <p className="intake-confirmation-note">
            {confirmation.state === 'failed' ? (
              <strong>{t('failed')}</strong>
            ) : (
              <>
                <strong>{t(confirmation.state === 'saving' ? 'saving' : 'saved')}.</strong> {t('readToCaller')}.
                {confirmation.state === 'saved' && confirmation.offline && <> {t('savedLocally')}.</>}
              </>
            )}
          </p>
        </section>
      )}

      {askDiscard && (
        <div className="intake-discard" role="alertdialog" aria-label={t('discard.question')} data-testid="intake-discard">
          <span>{t('discard.question')}</span>
          <button type="button" ref={discardRef} className="danger-button" onClick={onClose} data-testid="intake-discard-yes">
            {t('discard.yes')} <Kbd>Enter</Kbd>
          </button>
          <button
            type="button"
            className="ghost-button"
            onClick={() => setAskDiscard(false)}
          >
            {t('discard.no')} <Kbd>Esc</Kbd>
          </button>
        </div>
      )}

      <div className="intake-body" inert={askDiscard}>
        <form className="intake-form" onSubmit={(e) => e.preventDefault()} data-testid="intake-form">
          <div className="intake-row">
            <label className="field">
              <span>{t('phone')}</span>
              <input
                ref={phoneRef}
                type="tel"
                className="intake-phone"
                value={draft.phone}
                placeholder={t('phonePlaceholder')}
                autoComplete="off"
                onChange={(e) => update({ phone: e.target.value })}
                onBlur={() => {
                  const phone = normalisePhone(draft.phone);
                  if (!phone) return;
                  const known = history?.exact ? history.appeals.find((a) => a.citizen.name)?.citizen.name : null;
                  // a known caller's name saves asking again; the operator corrects it if someone else calls
                  update({ phone: formatPhone(phone), ...(draft.name === '' && known ? { name: known } : {}) });
                }}
                aria-invalid={phoneLooksWrong(draft.phone)}
                data-testid="intake-phone"
              />
              {phoneLooksWrong(draft.phone) && document.activeElement !== phoneRef.current && (
                <span className="intake-field-hint warn" data-testid="intake-phone-warning">{t('phoneWrong')}</span>
              )}
            </label>
            <label className="field">
              <span>{t('name')}</span>
              <input value={draft.name} placeholder={t('namePlaceholder')} autoComplete="off" onChange={(e) => update({ name: e.target.value })} data-testid="intake-name" />
            </label>
          </div>

          <div className="intake-row intake-address">
            <AddressCombobox
              label={t('settlement')}
              value={draft.settlement}
              options={settlementOptions}
              onChange={(text) => update({ settlement: text })}
              onPick={(label) => {
                update({ settlement: label, street: findSettlement(label) === settlement ? draft.street : '' });
                streetRef.current?.focus();
              }}
              placeholder={t('settlementPlaceholder')}
              noMatches={t('noMatches')}
              testId="intake-settlement"
            />
            <AddressCombobox
              label={t('street')}
              note={settlement ? undefined : t('streetNeedsSettlement')}
              value={draft.street}
              options={streetOptions}
              onChange={(text) => update({ street: text })}
              onPick={(street) => {
                update({ street });
                houseRef.current?.focus();
              }}
              placeholder={t('streetPlaceholder')}
              noMatches={t('noMatches')}
              inputRef={streetRef}
              testId="intake-street"
            />
            <label className="field intake-house">
              <span>{t('house')}</span>
              <input ref={houseRef} value={draft.house} placeholder={t('housePlaceholder')} autoComplete="off" onChange={(e) => update({ house: e.target.value })} data-testid="intake-house" />
            </label>
          </div>

          <label className="field">
            <span>
              {t('text')} <em className="field-note">· <Kbd>Ctrl+Enter</Kbd> {t('keys.saveFromText')}</em>
            </span>
            <textarea
              ref={textRef}
              className="intake-text"
              value={draft.text}
              rows={5}
              placeholder={t('textPlaceholder')}
              onChange={(e) => update({ text: e.target.value })}
              onKeyDown={(e) => {
                // Tab out of the text accepts the first suggestion when none is chosen yet; focus moves on as usual
                if (e.key === 'Tab' && !e.shiftKey && draft.category === null) acceptSuggestion(0);
              }}
              aria-invalid={textMissing}
              data-testid="intake-text"
            />
            {textMissing && <span className="form-error" role="alert">{t('textRequired')}</span>}
          </label>

          <div className="intake-preview" data-testid="intake-hints" data-priority={hints.priority ?? 'none'}>
            {hints.matches.length > 0 && (
              <>
                <span className="intake-preview-label">{t('hintPreview')}:</span>{' '}
                <span className="intake-preview-text">
                  {pieces.map((p, i) =>
                    p.raises ? (
                      <mark key={i} className={`hint hint-${p.raises}`} data-testid="intake-hint-word">{p.text}</mark>
                    ) : (
                      <span key={i}>{p.text}</span>
                    ),
                  )}
                </span>
              </>
            )}
          </div>

          <div className="intake-suggestions" data-testid="intake-suggestions" data-count={suggestions.length} data-text-length={draft.text.length}>
            <span className="intake-preview-label">{t('suggestions')}:</span>
            {suggestions.length === 0 && <span className="muted">{t('suggestionsWaiting')}</span>}
            {suggestions.map((s, i) => (
              <button
                key={s.category}
                type="button"
                tabIndex={-1}
                className={`intake-chip${draft.category === s.category ? ' chosen' : ''}`}
                onClick={() => acceptSuggestion(i)}
                data-testid="intake-suggestion"
                data-category={s.category}
              >
                <Kbd>Alt+{i + 1}</Kbd> {tc(`category.${s.category}`)} <span className="muted">{s.score < 0.01 ? '<1' : Math.round(s.score * 100)} %</span>
              </button>
            ))}
          </div>

          <div className="intake-row intake-triage">
            <label className="field">
              <span>{t('category')}</span>
              <select
                value={draft.category ?? ''}
                onChange={(e) => update({ category: e.target.value === '' ? null : (e.target.value as Category) })}
                data-testid="intake-category"
              >
                <option value="">{t('categoryNone')}</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>{tc(`category.${c}`)}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>
                {t('priority')} {draft.priority === null && hints.priority && <em className="field-note">· {t('fromHint')}</em>}
              </span>
              <select
                className={`intake-priority priority-${priority}`}
                value={priority}
                onChange={(e) => update({ priority: e.target.value as Priority })}
                data-testid="intake-priority"
              >
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>{tc(`priority.${p}`)}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>
                {t('kind')} {draft.kind === null && <em className="field-note">· {t('fromChannel')}</em>}
              </span>
              <select value={kind} onChange={(e) => update({ kind: e.target.value as AppealKind })} data-testid="intake-kind">
                {APPEAL_KINDS.map((k) => (
                  <option key={k} value={k}>{tc(`kind.${k}`)}</option>
                ))}
              </select>
            </label>
          </div>

          <label className="checkbox intake-consent">
            <input type="checkbox" checked={draft.consent} onChange={(e) => update({ consent: e.target.checked })} data-testid="intake-consent" />
            {t('consent')} <Kbd>Space</Kbd>
          </label>

          {error && <p className="form-error" role="alert">{error}</p>}
        </form>

        <aside className="intake-side">
          <CallerHistory
            t={t}
            query={draft.phone}
            match={history}
            loading={local === null && draft.phone !== ''}
            timeZone={timeZone}
            serverAppeals={serverAppeals}
            serverFailed={serverFor !== null && serverFor.appeals === null}
          />
          <DuplicateList t={t} duplicates={duplicates} linked={draft.linked} onToggle={toggleLink} timeZone={timeZone} />
        </aside>
      </div>

      <footer className="intake-footer">
        <div className="intake-keys" aria-hidden="true">
          <span><Kbd>Shift+Tab</Kbd> {t('keys.channel')}</span>
          <span><Kbd>↑</Kbd><Kbd>↓</Kbd> <Kbd>Enter</Kbd> {t('keys.pick')}</span>
          <span><Kbd>Alt+1…3</Kbd> {t('keys.accept')}</span>
          <span><Kbd>Tab</Kbd> {t('keys.acceptTop')}</span>
          <span><Kbd>Alt+D</Kbd> {t('keys.link')}</span>
          <span><Kbd>F2</Kbd> {t('keys.open')}</span>
        </div>
        <button type="button" className="ghost-button" onClick={close} data-testid="intake-close">
          {t('close')} <Kbd>Esc</Kbd>
        </button>
        <button type="button" className="primary-button" onClick={() => void save()} data-testid="intake-save">
          {t('save')} <Kbd>Enter</Kbd>
        </button>
      </footer>
    </dialog>
  );
}
