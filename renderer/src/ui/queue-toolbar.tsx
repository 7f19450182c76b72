// Above the queue: free-text search (Russian word forms are the store's job), mine/all scope, and how many appeals match.
import { useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from './badges.js';
import { consoleStore, useConsole } from './store-access.js';

/** Typing pauses this long before the search runs, so a fast typist does not search every keystroke. */
const SEARCH_DEBOUNCE_MS = 150;

export function QueueToolbar({ searchRef }: { searchRef: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const storedText = useConsole((s) => s.filters.text);
  const scope = useConsole((s) => s.filters.scope);
  const count = useConsole((s) => s.queueIds.length);
  const totalLocal = useConsole((s) => s.totalLocal);
  const indexing = useConsole((s) => s.filters.text.trim() !== '' && !s.searchReady);
  const [text, setText] = useState(storedText);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // the store's text changed elsewhere (reset, another screen): follow it
  useEffect(() => {
    if (timer.current === null) setText(storedText);
  }, [storedText]);

  const onChange = (value: string) => {
    setText(value);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      consoleStore.getState().setFilters({ text: value });
    }, SEARCH_DEBOUNCE_MS);
  };

  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  return (
    <div className="queue-toolbar">
      <div className="search">
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          placeholder={t('queue.search')}
          aria-label={t('queue.searchLabel')}
          aria-keyshortcuts="/"
          value={text}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              // run now, do not wait for the pause
              if (timer.current !== null) clearTimeout(timer.current);
              timer.current = null;
              consoleStore.getState().setFilters({ text });
            }
          }}
          data-testid="search-input"
        />
        <Kbd>/</Kbd>
      </div>
      <div className="segmented" role="radiogroup" aria-label={t('queue.scope')}>
        {(['mine', 'all'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={scope === value}
            className={scope === value ? 'is-active' : ''}
            onClick={() => consoleStore.getState().setFilters({ scope: value })}
            data-testid={`scope-${value}`}
          >
            {value === 'mine' ? t('queue.scopeMine') : t('queue.scopeAll')}
          </button>
        ))}
      </div>
      {indexing && (
        <span className="search-indexing muted small" role="status" data-testid="search-indexing">
          {t('queue.searchIndexing')}
        </span>
      )}
      <span className="queue-count" data-testid="queue-count" data-count={count} aria-live="polite" title={t('sync.local', { count: totalLocal })}>
        {t('queue.count', { count })}
      </span>
    </div>
  );
}
