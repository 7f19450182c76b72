// The visible "why not" beside a disabled action: the same words as its tooltip, readable without a mouse.
import type { ReactNode } from 'react';

export function Why({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <span className="why-note" role="note" data-testid={testId ?? 'why'}>
      {children}
    </span>
  );
}
