// The virtualised queue: only the visible rows exist in the DOM, so 100 000 appeals scroll as smoothly as 100.
import { useCallback, useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { QueueRow, ROW_HEIGHT } from './queue-row.js';
import { useConsole } from './store-access.js';
import { useLookup } from './use-lookup.js';
import { useNow } from './use-now.js';
import { usePendingAppealIds } from './use-pending.js';

export interface QueueListHandle {
  scrollToId(id: string): void;
  focus(): void;
}

interface QueueListProps {
  selectedId: string | null;
  onActivate: (id: string) => void;
  onSelect: (id: string) => void;
  handle: Ref<QueueListHandle>;
}

export function QueueList({ selectedId, onActivate, onSelect, handle }: QueueListProps) {
  const { t } = useTranslation();
  const ids = useConsole((s) => s.queueIds);
  const revision = useConsole((s) => s.revision);
  const openId = useConsole((s) => s.openAppealId);
  const emptyReason = useConsole((s) =>
    s.queueIds.length > 0 ? null : s.totalLocal === 0 && s.sync.progress ? 'emptyFirstSync' : s.totalLocal > 0 ? 'emptyFiltered' : 'empty',
  );
  const pending = usePendingAppealIds();
  const lookup = useLookup();
  const now = useNow(30_000);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => ids[index] ?? index,
  });

  useImperativeHandle(
    handle,
    () => ({
      scrollToId(id) {
        const index = ids.indexOf(id);
        if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
      },
      focus() {
        scrollRef.current?.focus();
      },
    }),
    [ids, virtualizer],
  );

  // the list changed under the selection (filters, search): keep a selection a keyboard can move from
  useEffect(() => {
    if (ids.length > 0 && (selectedId === null || !ids.includes(selectedId))) onSelect(ids[0]!);
  }, [ids, selectedId, onSelect]);

  const activate = useCallback((id: string) => onActivate(id), [onActivate]);

  return (
    <div
      ref={scrollRef}
      className="queue-scroll"
      role="listbox"
      tabIndex={0}
      aria-label={t('queue.label')}
      aria-activedescendant={selectedId && ids.length > 0 ? `row-${selectedId}` : undefined}
      data-testid="queue-list"
    >
      {emptyReason ? (
        <p className="queue-empty" data-testid="queue-empty">{t(`queue.${emptyReason}`)}</p>
      ) : (
        <div className="queue-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const id = ids[item.index]!;
            return (
              <QueueRow
                key={id}
                id={id}
                start={item.start}
                selected={id === selectedId}
                open={id === openId}
                pending={pending.has(id)}
                now={now}
                revision={revision}
                lookup={lookup}
                onActivate={activate}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
