// "Новое обращение": a short intake form (channel, citizen, text, address) that creates the appeal locally and opens it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../shared/index.js';
import { newId } from '../data/outbox.js';
import { Kbd } from './badges.js';
import { Modal } from './modal.js';
import { consoleStore, useConsole } from './store-access.js';
import { useAction } from './use-action.js';
import { useLookup } from './use-lookup.js';

/**
 * A number the citizen can be told at once: organisation prefix + time-based tail. Provisional until the
 * hotline intake brings per-console sequences (issue 5 §4).
 */
function provisionalNumber(prefix: string): string {
  const tail = Date.now().toString(36).toUpperCase().slice(-6);
  const salt = Math.floor(Math.random() * 36 ** 2).toString(36).toUpperCase().padStart(2, '0');
  return `${prefix}-${tail}${salt}`;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function NewAppealDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const user = useConsole((s) => s.user);
  const { organisation } = useLookup();
  const { busy, error, run } = useAction();
  const [channel, setChannel] = useState<Channel>('phone');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [address, setAddress] = useState('');
  const [consent, setConsent] = useState(false);
  const [missingText, setMissingText] = useState(false);

  const save = async () => {
    if (text.trim() === '') return setMissingText(true);
    const id = newId();
    const prefix = (user && organisation.get(user.organisationId)?.prefix) || 'ОТК';
    const ok = await run(() =>
      consoleStore.getState().mutate('appeal.create', {
        id,
        number: provisionalNumber(prefix),
        channel,
        citizen: { name: orNull(name), phone: orNull(phone), email: orNull(email), handle: null },
        originalText: text.trim(),
        subject: subject.trim(),
        address: address.trim(),
        consent,
        receivedAt: new Date().toISOString(),
      }),
    );
    if (ok) onCreated(id);
  };

  return (
    <Modal
      title={t('newAppeal.title')}
      onClose={onClose}
      testId="new-appeal-dialog"
      footer={
        <>
          <button type="submit" form="new-appeal-form" className="primary-button" disabled={busy} data-testid="new-appeal-save">
            {t('newAppeal.create')} <Kbd>Ctrl+Enter</Kbd>
          </button>
          <button type="button" className="ghost-button" onClick={onClose}>
            {t('common.cancel')} <Kbd>Esc</Kbd>
          </button>
        </>
      }
    >
      <form
        id="new-appeal-form"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <label className="field">
          <span>{t('newAppeal.channel')}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)} autoFocus data-testid="new-appeal-channel">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>{t(`channel.${c}`)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('newAppeal.citizenName')}</span>
          <input value={name} maxLength={500} onChange={(e) => setName(e.target.value)} autoComplete="off" data-testid="new-appeal-name" />
        </label>
        <label className="field">
          <span>{t('newAppeal.phone')}</span>
          <input type="tel" value={phone} maxLength={32} onChange={(e) => setPhone(e.target.value)} autoComplete="off" data-testid="new-appeal-phone" />
        </label>
        <label className="field">
          <span>{t('newAppeal.email')}</span>
          <input type="email" value={email} maxLength={320} onChange={(e) => setEmail(e.target.value)} autoComplete="off" data-testid="new-appeal-email" />
        </label>
        <label className="field field-wide">
          <span>
            {t('newAppeal.text')} <em className="field-note">· {t('newAppeal.textHint')}</em>
          </span>
          <textarea
            value={text}
            rows={5}
            onChange={(e) => {
              setText(e.target.value);
              setMissingText(false);
            }}
            required
            aria-invalid={missingText}
            data-testid="new-appeal-text"
          />
          {missingText && <span className="form-error" role="alert">{t('newAppeal.textRequired')}</span>}
        </label>
        <label className="field field-wide">
          <span>{t('newAppeal.subject')}</span>
          <input value={subject} maxLength={500} onChange={(e) => setSubject(e.target.value)} data-testid="new-appeal-subject" />
        </label>
        <label className="field field-wide">
          <span>{t('newAppeal.address')}</span>
          <input value={address} maxLength={500} onChange={(e) => setAddress(e.target.value)} data-testid="new-appeal-address" />
        </label>
        <label className="checkbox field-wide">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="new-appeal-consent" />
          {t('newAppeal.consent')}
        </label>
        {error && <p className="form-error field-wide" role="alert">{error}</p>}
      </form>
    </Modal>
  );
}
