// My version and the server's side by side, only the fields that differ, with changed words highlighted.
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/index.js';
import { changedFields, diffWords, sideOf, TEXT_FIELDS } from './text-diff.js';
import { useFieldFormat } from './use-field-format.js';

function DiffText({ theirs, mine, side }: { theirs: string; mine: string; side: 'theirs' | 'mine' }) {
  return (
    <>
      {sideOf(diffWords(theirs, mine), side).map((run, i) =>
        run.changed ? <mark key={i} className={`diff-${side}`}>{run.text}</mark> : <span key={i}>{run.text}</span>,
      )}
    </>
  );
}

/** `mineBase`: the version my edit was made on, when the mutation says (appeal.update's expectedVersion). */
export function ConflictView({ mine, theirs, mineBase }: { mine: Appeal; theirs: Appeal; mineBase: number | null }) {
  const { t } = useTranslation();
  const format = useFieldFormat();
  const fields = changedFields(mine, theirs);
  if (fields.length === 0) return <p className="muted">{t('attention.noDifference')}</p>;
  return (
    <table className="conflict" data-testid="conflict-view">
      <thead>
        <tr>
          <th scope="col">{t('attention.field')}</th>
          <th scope="col">
            {t('attention.mine')} {mineBase !== null && <span className="muted">{t('attention.basedOn', { version: mineBase })}</span>}
          </th>
          <th scope="col">{t('attention.theirs')} <span className="muted">{t('appeal.version', { version: theirs.version })}</span></th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => {
          const m = format.value(field, mine[field]);
          const th = format.value(field, theirs[field]);
          const text = TEXT_FIELDS.has(field);
          return (
            <tr key={field} data-testid="conflict-field" data-field={field}>
              <th scope="row">{format.label(field)}</th>
              <td className="conflict-mine" data-testid="conflict-mine">
                {text ? <DiffText theirs={th} mine={m} side="mine" /> : <mark className="diff-mine">{m}</mark>}
              </td>
              <td className="conflict-theirs" data-testid="conflict-theirs">
                {text ? <DiffText theirs={th} mine={m} side="theirs" /> : <mark className="diff-theirs">{th}</mark>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
