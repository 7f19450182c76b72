// Internal comments of an appeal and the box to add one (Ctrl+Enter saves).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment } from '../../../shared/index.js';
import { newId } from '../data/outbox.js';
import { Kbd } from './badges.js';
import { formatInstant } from './format-date.js';
import { consoleStore } from './store-access.js';
import { useAction } from './use-action.js';
import { useLanguage } from './use-language.js';
import { useLookup } from './use-lookup.js';

export function CommentList({ appealId, comments }: { appealId: string; comments: readonly Comment[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { timeZone } = useLookup();
  const { busy, error, run } = useAction();
  const [text, setText] = useState('');

  const save = async () => {
    const trimmed = text.trim();
    if (trimmed === '' || busy) return;
    const ok = await run(() => consoleStore.getState().mutate('appeal.comment', { appealId, commentId: newId(), text: trimmed }));
    if (ok) setText('');
  };

  const sorted = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <div className="comments" data-testid="comments">
      {sorted.length === 0 && <p className="muted">{t('appeal.commentsEmpty')}</p>}
      <ol className="comment-items">
        {sorted.map((c) => (
          <li key={c.id} className="comment" data-testid="comment" data-comment-id={c.id}>
            <div className="comment-head">
              <strong>{c.authorName}</strong>
              <time dateTime={c.createdAt}>{formatInstant(c.createdAt, lang, timeZone)}</time>
            </div>
            <p className="comment-text">{c.text}</p>
          </li>
        ))}
      </ol>
      <form
        className="comment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
          rows={3}
          placeholder={t('appeal.commentPlaceholder')}
          aria-label={t('appeal.comments')}
          aria-keyshortcuts="Control+Enter"
          data-testid="comment-input"
        />
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="form-actions">
          <button type="submit" className="primary-button" disabled={busy || text.trim() === ''} data-testid="comment-save">
            {t('appeal.addComment')} <Kbd>Ctrl+Enter</Kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
