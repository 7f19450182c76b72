// Desktop notifications from the console (a new appeal assigned to me, an appeal an hour from its deadline).
import { Notification } from 'electron';
import type { NotifyArgs } from '../shared/ipc.js';

export interface Notifier {
  show(args: NotifyArgs): void;
}

export function createNotifier(onClick: () => void): Notifier {
  // kept referenced until closed: a notification collected by GC loses its click handler on Windows
  const live = new Map<string, Notification>();
  let untagged = 0;
  return {
    show({ title, body, tag }) {
      // an unsupported system is not an error the console can act on; it simply gets no toast
      if (!Notification.isSupported()) return;
      const key = tag ?? `untagged-${++untagged}`;
      live.get(key)?.close(); // same tag replaces, as in the browser
      const notification = new Notification({ title, body });
      notification.on('click', onClick);
      notification.on('close', () => {
        if (live.get(key) === notification) live.delete(key);
      });
      live.set(key, notification);
      notification.show();
    },
  };
}
