// The append-only history of an appeal: who, when, from which device, what changed (before → after), and why.
import { useTranslation } from 'react-i18next';
import type { AppealEvent } from '../../../shared/index.js';
import { formatInstant } from './format-date.js';
import { mutationLabel } from './mutation-label.js';
import { useFieldFormat } from './use-field-format.js';
import { useLanguage } from './use-language.js';
import { useLookup } from './use-lookup.js';

/** Long texts (a summary) are cut in the timeline; the full value is on hover. */
const CLIP = 280;
const clip = (text: string) => (text.length > CLIP ? `${text.slice(0, CLIP)}…` : text);

/** `complete`: the early history is held locally; otherwise a note says the rest comes from the server. */
export function HistoryTimeline({ events, complete = true }: { events: readonly AppealEvent[]; complete?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { timeZone } = useLookup();
  const format = useFieldFormat();
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  const partial = complete ? null : (
    <p className="muted" data-testid="history-partial">
      {t('appeal.historyNotLoaded')}
    </p>
  );
  if (sorted.length === 0) return partial ?? <p className="muted">{t('appeal.historyEmpty')}</p>;
  return (
    <>
    {partial}
    <ol className="timeline" data-testid="history">
      {sorted.map((event) => {
        const action = mutationLabel(t, event.action);
        return (
          <li key={event.id} className="timeline-item" data-testid="history-event" data-action={event.action}>
            <div className="timeline-head">
              <strong className="timeline-action">{action}</strong>
              <span className="timeline-who">{event.actorName || t('history.system')}</span>
              <time dateTime={event.at}>{formatInstant(event.at, lang, timeZone)}</time>
              {event.deviceId && <span className="timeline-device muted">{t('history.device', { device: event.deviceId.slice(0, 8) })}</span>}
            </div>
            {Object.keys(event.changes).length > 0 && (
              <dl className="timeline-changes">
                {Object.entries(event.changes).map(([field, [before, after]]) => (
                  <div key={field} className="change">
                    <dt>{format.label(field)}</dt>
                    <dd>
                      <span className="change-before" title={format.value(field, before)}>{clip(format.value(field, before))}</span>
                      <span className="change-arrow" aria-hidden="true"> → </span>
                      <span className="change-after" title={format.value(field, after)}>{clip(format.value(field, after))}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            {event.reason && <p className="timeline-reason">{t('history.reason', { reason: event.reason })}</p>}
          </li>
        );
      })}
    </ol>
    </>
  );
}
