// One administration table with its edit form: rows, columns, a form built from field descriptions, and save or delete as mutations.
import { useState, type ReactNode } from 'react';
import { useAction } from '../use-action.js';
import { Why } from './why.js';
import { useTranslation } from 'react-i18next';
import { useWorkflowT, type WorkflowKey } from './workflow-t.js';

/** Form values: text and numbers as the inputs hold them (strings), switches as booleans. */
export type FormDraft = Record<string, string | boolean>;

export interface FieldSpec {
  key: string;
  label: WorkflowKey;
  kind: 'text' | 'textarea' | 'number' | 'checkbox' | 'select' | 'password';
  options?: ReadonlyArray<{ value: string; label: string }>;
  required?: boolean;
  /** Shown under the field. */
  hint?: ReactNode;
  min?: number;
  max?: number;
  /** Only when creating (ids are chosen once). */
  createOnly?: boolean;
}

export interface Column<Row> {
  label: WorkflowKey;
  value: (row: Row) => ReactNode;
}

interface AdminSectionProps<Row> {
  name: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: ReadonlyArray<Column<Row>>;
  fields: readonly FieldSpec[];
  toDraft: (row: Row | null) => FormDraft;
  /** Throws (a ZodError, a refusal) to keep the form open with the message. */
  save: (draft: FormDraft, row: Row | null) => Promise<unknown>;
  remove?: (row: Row) => Promise<unknown>;
  /** Rows are fixed (categories, the region): edit only. */
  fixed?: boolean;
  /** A check beyond "required" (e.g. unknown template placeholders); a message blocks saving. */
  validate?: (draft: FormDraft) => string | null;
}

function Field({ spec, value, onChange, creating }: { spec: FieldSpec; value: string | boolean; onChange: (v: string | boolean) => void; creating: boolean }) {
  const t = useWorkflowT();
  const id = `admin-field-${spec.key}`;
  const disabled = spec.createOnly === true && !creating;
  if (spec.kind === 'checkbox') {
    return (
      <label className="checkbox-field">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} data-testid={id} />
        <span>{t(spec.label)}</span>
      </label>
    );
  }
  const common = { id, value: String(value), disabled, 'data-testid': id, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <label className="field" htmlFor={id}>
      <span>{t(spec.label)}</span>
      {spec.kind === 'textarea' ? (
        <textarea {...common} rows={6} />
      ) : spec.kind === 'select' ? (
        <select {...common}>
          {(spec.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={spec.kind === 'number' ? 'number' : spec.kind === 'password' ? 'password' : 'text'} min={spec.min} max={spec.max} autoComplete={spec.kind === 'password' ? 'new-password' : 'off'} />
      )}
      {spec.hint && <em className="field-note muted">{spec.hint}</em>}
    </label>
  );
}

export function AdminSection<Row>({ name, rows, rowKey, columns, fields, toDraft, save, remove, fixed = false, validate }: AdminSectionProps<Row>) {
  const t = useWorkflowT();
  const { t: tc } = useTranslation();
  const { busy, error, run } = useAction();
  const [editing, setEditing] = useState<{ row: Row | null; draft: FormDraft } | null>(null);
  const [saved, setSaved] = useState(false);

  const missing = editing ? fields.find((f) => f.required && String(editing.draft[f.key] ?? '').trim() === '') : undefined;
  const invalid = editing && !missing ? (validate?.(editing.draft) ?? null) : null;
  const blocker = missing ? t('admin.required', { field: t(missing.label) }) : invalid;

  const submit = async () => {
    if (!editing || blocker) return;
    const ok = await run(() => save(editing.draft, editing.row));
    if (ok) {
      setEditing(null);
      setSaved(true);
    }
  };

  return (
    <section className="admin-section" data-testid={`admin-${name}`}>
      {!fixed && (
        <div className="admin-toolbar">
          <button
            type="button"
            className="primary-button"
            onClick={() => {
              setSaved(false);
              setEditing({ row: null, draft: toDraft(null) });
            }}
            data-testid={`admin-${name}-add`}
          >
            {t('admin.add')}
          </button>
        </div>
      )}
      {saved && (
        <p className="admin-saved" role="status" data-testid="admin-saved">
          {t('admin.saved')}
        </p>
      )}
      {editing && (
        <form
          className="admin-form"
          data-testid={`admin-${name}-form`}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="admin-form-fields">
            {fields.map((spec) => (
              <Field
                key={spec.key}
                spec={spec}
                creating={editing.row === null}
                value={editing.draft[spec.key] ?? ''}
                onChange={(v) => setEditing((e) => (e ? { ...e, draft: { ...e.draft, [spec.key]: v } } : e))}
              />
            ))}
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary-button" aria-disabled={blocker !== null} disabled={busy} data-testid={`admin-${name}-save`}>
              {t('admin.save')}
            </button>
            {blocker && <Why testId="admin-why">{blocker}</Why>}
            <button type="button" className="ghost-button" onClick={() => setEditing(null)}>
              {tc('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t('admin.empty')}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col">
                  {t(c.label)}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} data-testid={`admin-${name}-row`} data-id={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.label}>{c.value(row)}</td>
                ))}
                <td className="admin-row-actions">
                  <button
                    type="button"
                    className="ghost-button"
                    onClick={() => {
                      setSaved(false);
                      setEditing({ row, draft: toDraft(row) });
                    }}
                    data-testid={`admin-${name}-edit`}
                  >
                    {t('admin.edit')}
                  </button>
                  {remove && (
                    <button type="button" className="ghost-button" onClick={() => void run(() => remove(row)).then((ok) => ok && setSaved(true))} disabled={busy} data-testid={`admin-${name}-delete`}>
                      {t('admin.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
