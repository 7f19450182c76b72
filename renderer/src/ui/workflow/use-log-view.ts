// Logs that the person has the appeal's personal data on screen (152-ФЗ): once per appeal opened, through the outbox.
import { useEffect } from 'react';
import { consoleStore } from '../store-access.js';

export function useLogView(appealId: string): void {
  useEffect(() => {
    consoleStore.getState().logView(appealId);
  }, [appealId]);
}
