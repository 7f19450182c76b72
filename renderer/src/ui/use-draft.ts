// A form draft over live data: untouched fields follow the appeal as sync updates it, touched ones keep what the person chose.
import { useCallback, useState } from 'react';

export function useDraft<T extends object>(live: T) {
  const [changes, setChanges] = useState<Partial<T>>({});
  const value = { ...live, ...changes } as T;
  const set = useCallback(<K extends keyof T>(key: K, v: T[K]) => setChanges((c) => ({ ...c, [key]: v })), []);
  const reset = useCallback(() => setChanges({}), []);
  const dirty = (Object.keys(changes) as (keyof T)[]).some((k) => changes[k] !== live[k]);
  return { value, set, reset, dirty };
}
