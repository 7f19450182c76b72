// "Needs attention": mutations the server rejected, each with the reason in words, both versions for a conflict, and redo / discard.
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../shared/index.js';
import type { AttentionItem } from '../store/contract.js';
import { ConflictView } from './conflict-view.js';
import { formatInstant } from './format-date.js';
import { Modal } from './modal.js';
import { mutationLabel } from './mutation-label.js';
import { consoleStore, useConsole } from './store-access.js';
import { useAction } from './use-action.js';
import { useLanguage } from './use-language.js';
import { useLookup } from './use-lookup.js';

/** Sending these again cannot succeed: the reason is who the person is or what the data is, not timing. */
const REDO_POINTLESS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'UNKNOWN_MUTATION', 'BAD_MESSAGE', 'VALIDATION_FAILED', 'USER_DISABLED']);

function expectedVersionOf(args: unknown): number | null {
  const v = (args as { expectedVersion?: unknown } | null)?.expectedVersion;
  return typeof v === 'number' ? v : null;
}

function AttentionCard({ item, onOpenAppeal }: { item: AttentionItem; onOpenAppeal: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { timeZone } = useLookup();
  const { busy, error, run } = useAction();
  const number = item.mine?.number ?? item.theirs?.number ?? item.appealId ?? '';
  const canRedo = !REDO_POINTLESS.has(item.code);
  return (
    <li className="attention-item" data-testid="attention-item" data-mutation-id={item.mutationId} data-code={item.code}>
      <div className="attention-head">
        <strong>{t('attention.item', { action: mutationLabel(t, item.name), number })}</strong>
        <time className="muted" dateTime={item.at}>{formatInstant(item.at, lang, timeZone)}</time>
      </div>
      {/* the server's own words are for support staff: on hover, not in the way */}
      <p className="attention-reason" data-testid="attention-reason" title={item.message ? t('attention.serverSaid', { message: item.message }) : undefined}>
        {t(`errors.${item.code}`, { defaultValue: item.message })}
      </p>
      {item.mine && item.theirs && <ConflictView mine={item.mine} theirs={item.theirs} mineBase={expectedVersionOf(item.args)} />}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button
          type="button"
          className="primary-button"
          disabled={busy || !canRedo}
          title={canRedo ? undefined : t('attention.redoUnavailable')}
          onClick={() => void run(() => consoleStore.getState().redo(item.mutationId))}
          data-testid="attention-redo"
        >
          {t('attention.redo')}
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void run(() => consoleStore.getState().discard(item.mutationId))} data-testid="attention-discard">
          {t('attention.discard')}
        </button>
        {item.appealId && (
          <button type="button" className="link-button" onClick={() => onOpenAppeal(item.appealId!)} data-testid="attention-open">
            {t('attention.openAppeal')}
          </button>
        )}
      </div>
      {!canRedo && <p className="muted small">{t('attention.redoUnavailable')}</p>}
    </li>
  );
}

export function AttentionDialog({ onClose, onOpenAppeal }: { onClose: () => void; onOpenAppeal: (id: string) => void }) {
  const { t } = useTranslation();
  const items = useConsole((s) => s.attention);
  return (
    <Modal title={t('attention.title')} onClose={onClose} size="large" testId="attention-dialog">
      {items.length === 0 ? (
        <p className="muted" data-testid="attention-empty">{t('attention.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('attention.subtitle')}</p>
          <ol className="attention-list">
            {items.map((item) => (
              <AttentionCard key={item.mutationId} item={item} onOpenAppeal={onOpenAppeal} />
            ))}
          </ol>
        </>
      )}
    </Modal>
  );
}
