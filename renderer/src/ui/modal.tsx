// A modal window on the native <dialog>: focus stays inside, Esc closes, the page behind is inert.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  testId?: string;
}

export function Modal({ title, onClose, children, footer, size = 'medium', testId }: ModalProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // React has already focused an autoFocus field inside; showModal would move focus to the close button
    const wanted = dialog.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    dialog.showModal();
    (wanted ?? dialog.querySelector<HTMLElement>('.modal-body :is(input, select, textarea, button):not(:disabled)'))?.focus();
    const cancel = (event: Event) => {
      event.preventDefault(); // React decides when it unmounts
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      opener?.focus(); // back where the person was
    };
  }, []);

  return (
    <dialog ref={ref} className={`modal modal-${size}`} aria-labelledby={titleId} data-testid={testId}>
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')} title={`${t('common.close')} (Esc)`}>
          ×
        </button>
      </header>
      <div className="modal-body">{children}</div>
      {footer && <footer className="modal-footer">{footer}</footer>}
    </dialog>
  );
}
