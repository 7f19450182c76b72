// Console-wide keyboard shortcuts. Letters match by physical key (e.code), so J/K, / and Alt+N work on a Russian layout too.
import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  focusSearch(): void;
  move(delta: number): void;
  openSelected(): void;
  close(): void;
  newAppeal(): void;
  attention(): void;
  help(): void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Arrow keys move the queue only where they would not scroll or move something else. */
function arrowsBelongToQueue(target: EventTarget | null): boolean {
  return target === document.body || (target instanceof HTMLElement && target.closest('[data-testid="queue-list"]') !== null);
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // a modal window owns the keyboard (its own Esc, Tab, Enter)
      if (document.querySelector('dialog[open]')) return;
      const h = ref.current;
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        if (e.code === 'KeyN') h.newAppeal();
        else if (e.code === 'KeyA') h.attention();
        else return;
        e.preventDefault();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        // first Esc leaves a text field, the next one closes the appeal
        if (isTyping(e.target)) (e.target as HTMLElement).blur();
        else h.close();
        return;
      }
      if (isTyping(e.target)) return;
      const key = e.code;
      if ((key === 'Slash' && e.shiftKey) || e.key === '?') h.help();
      else if (key === 'Slash') h.focusSearch();
      else if (key === 'KeyJ' || (key === 'ArrowDown' && arrowsBelongToQueue(e.target))) h.move(1);
      else if (key === 'KeyK' || (key === 'ArrowUp' && arrowsBelongToQueue(e.target))) h.move(-1);
      else if (key === 'PageDown' && arrowsBelongToQueue(e.target)) h.move(10);
      else if (key === 'PageUp' && arrowsBelongToQueue(e.target)) h.move(-10);
      else if (e.key === 'Enter' && arrowsBelongToQueue(e.target)) h.openSelected();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
