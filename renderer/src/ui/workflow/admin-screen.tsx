// The administration section (admin role): organisations, municipalities, users, categories, routing, templates, region settings and calendars; every save is a mutation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATEGORIES,
  FAST_TRACK_DEFAULT_DAYS,
  ROLES,
  TEMPLATE_PLACEHOLDERS,
  renderTemplate,
  type AnswerTemplate,
  type Category,
  type Municipality,
  type Organisation,
  type RoutingRule,
  type User,
} from '../../../../shared/index.js';
import { CALENDAR_REGIONS, CALENDAR_YEARS, getCalendar } from '../../../../shared/calendar/index.js';
import { newId } from '../../data/outbox.js';
import { consoleStore, useConsole } from '../store-access.js';
import { AdminSection, type FieldSpec, type FormDraft } from './admin-section.js';
import { useWorkflowT, type WorkflowKey } from './workflow-t.js';

const SECTIONS = ['organisations', 'municipalities', 'users', 'categories', 'routing', 'templates', 'region', 'calendars'] as const;
type SectionName = (typeof SECTIONS)[number];

const MUNICIPALITY_KINDS = ['urban_okrug', 'municipal_okrug', 'municipal_district'] as const;

const mutate = consoleStore.getState().mutateWorkflow;
const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v.trim() : '');
const orNull = (v: string | boolean | undefined) => (str(v) === '' ? null : str(v));
const bool = (v: string | boolean | undefined) => v === true;

/** Every placeholder filled with a sample: what is left are the template's own mistakes. */
const SAMPLE = Object.fromEntries(TEMPLATE_PLACEHOLDERS.map((p) => [p, 'x']));

function useYesNo() {
  const t = useWorkflowT();
  return (v: boolean | undefined) => (v ? t('admin.yes') : t('admin.no'));
}

function useSections() {
  const t = useWorkflowT();
  const { t: tc } = useTranslation();
  const yesNo = useYesNo();
  const reference = useConsole((s) => s.reference);
  const workflow = useConsole((s) => s.workflow);
  const regionId = reference?.region.id ?? '';
  const organisations = reference?.organisations ?? [];
  const municipalities = reference?.municipalities ?? [];
  const orgName = (id: string | null) => (id === null ? t('admin.anyOrganisation') : (organisations.find((o) => o.id === id)?.name ?? id));
  const munName = (id: string | null) => (id === null ? t('admin.any') : (municipalities.find((m) => m.id === id)?.name ?? id));
  const orgOptions = organisations.map((o) => ({ value: o.id, label: o.name }));
  const munOptions = municipalities.map((m) => ({ value: m.id, label: m.name }));
  const categoryOptions = CATEGORIES.map((c) => ({ value: c, label: tc(`category.${c}`) }));
  const any = (label: WorkflowKey) => [{ value: '', label: t(label) }];

  const organisationFields: FieldSpec[] = [
    { key: 'id', label: 'admin.fields.id', kind: 'text', required: true, createOnly: true },
    { key: 'name', label: 'admin.fields.name', kind: 'text', required: true },
    { key: 'prefix', label: 'admin.fields.prefix', kind: 'text', required: true },
    { key: 'signature', label: 'admin.fields.signature', kind: 'text', required: true },
    { key: 'timezone', label: 'admin.fields.timezone', kind: 'text', required: true },
    { key: 'municipalityId', label: 'admin.fields.municipality', kind: 'select', options: [...any('admin.any'), ...munOptions] },
    { key: 'answerReview', label: 'admin.fields.answerReview', kind: 'checkbox' },
  ];

  const userFields: FieldSpec[] = [
    { key: 'login', label: 'admin.fields.login', kind: 'text', required: true, createOnly: true },
    { key: 'displayName', label: 'admin.fields.displayName', kind: 'text', required: true },
    { key: 'role', label: 'admin.fields.role', kind: 'select', options: ROLES.map((r) => ({ value: r, label: tc(`role.${r}`) })) },
    { key: 'organisationId', label: 'admin.fields.organisation', kind: 'select', options: orgOptions, required: true },
    { key: 'onDuty', label: 'admin.fields.onDuty', kind: 'checkbox' },
    { key: 'disabled', label: 'admin.fields.disabled', kind: 'checkbox' },
    { key: 'password', label: 'admin.fields.password', kind: 'password', hint: t('admin.fields.passwordHint') },
  ];

  const templateFields: FieldSpec[] = [
    { key: 'title', label: 'admin.fields.title', kind: 'text', required: true },
    { key: 'category', label: 'admin.fields.category', kind: 'select', options: [...any('admin.anyCategory'), ...categoryOptions] },
    { key: 'organisationId', label: 'admin.fields.organisation', kind: 'select', options: [...any('admin.anyOrganisation'), ...orgOptions] },
    { key: 'reportsWork', label: 'admin.fields.reportsWork', kind: 'checkbox' },
    {
      key: 'body',
      label: 'admin.fields.body',
      kind: 'textarea',
      required: true,
      hint: (
        <>
          {t('admin.placeholderHelp', { example: '{{citizen_name}}' })}{' '}
          {TEMPLATE_PLACEHOLDERS.map((p) => (
            <code key={p} className="placeholder-chip" title={t(`placeholders.${p}`)}>{`{{${p}}}`}</code>
          ))}
        </>
      ),
    },
  ];

  const settingsByCategory = new Map((workflow?.categorySettings ?? []).map((s) => [s.category, s.fastTrackDays]));
  const fastTrackDays = (c: Category) => settingsByCategory.get(c) ?? FAST_TRACK_DEFAULT_DAYS[c];
  const regionSettings = workflow?.regionSettings ?? null;

  return {
    organisations: (
      <AdminSection<Organisation>
        name="organisations"
        rows={organisations}
        rowKey={(o) => o.id}
        columns={[
          { label: 'admin.fields.name', value: (o) => o.name },
          { label: 'admin.fields.prefix', value: (o) => o.prefix },
          { label: 'admin.fields.signature', value: (o) => o.signature },
          { label: 'admin.fields.answerReview', value: (o) => yesNo(o.answerReview) },
          { label: 'admin.fields.timezone', value: (o) => o.timezone },
        ]}
        fields={organisationFields}
        toDraft={(o) => ({
          id: o?.id ?? '',
          name: o?.name ?? '',
          prefix: o?.prefix ?? '',
          signature: o?.signature ?? '',
          timezone: o?.timezone ?? reference?.region.timezone ?? 'Europe/Moscow',
          municipalityId: o?.municipalityId ?? '',
          answerReview: o?.answerReview ?? false,
        })}
        save={(d) =>
          mutate('admin.organisation.save', {
            organisation: { id: str(d.id), regionId, municipalityId: orNull(d.municipalityId), name: str(d.name), prefix: str(d.prefix), signature: str(d.signature), timezone: str(d.timezone), answerReview: bool(d.answerReview) },
          })
        }
      />
    ),
    municipalities: (
      <AdminSection<Municipality>
        name="municipalities"
        rows={municipalities}
        rowKey={(m) => m.id}
        columns={[
          { label: 'admin.fields.name', value: (m) => m.name },
          { label: 'admin.fields.kind', value: (m) => t(`admin.municipalityKind.${m.kind}`) },
          { label: 'admin.fields.rural', value: (m) => yesNo(m.rural) },
        ]}
        fields={[
          { key: 'id', label: 'admin.fields.id', kind: 'text', required: true, createOnly: true },
          { key: 'name', label: 'admin.fields.name', kind: 'text', required: true },
          { key: 'kind', label: 'admin.fields.kind', kind: 'select', options: MUNICIPALITY_KINDS.map((k) => ({ value: k, label: t(`admin.municipalityKind.${k}`) })) },
          { key: 'rural', label: 'admin.fields.rural', kind: 'checkbox' },
        ]}
        toDraft={(m) => ({ id: m?.id ?? '', name: m?.name ?? '', kind: m?.kind ?? 'municipal_district', rural: m?.rural ?? false })}
        save={(d) =>
          mutate('admin.municipality.save', {
            municipality: { id: str(d.id), regionId, name: str(d.name), kind: str(d.kind) as Municipality['kind'], rural: bool(d.rural) },
          })
        }
      />
    ),
    users: (
      <AdminSection<User>
        name="users"
        rows={reference?.users ?? []}
        rowKey={(u) => u.id}
        columns={[
          { label: 'admin.fields.displayName', value: (u) => u.displayName },
          { label: 'admin.fields.login', value: (u) => u.login },
          { label: 'admin.fields.role', value: (u) => tc(`role.${u.role}`) },
          { label: 'admin.fields.organisation', value: (u) => orgName(u.organisationId) },
          { label: 'admin.fields.onDuty', value: (u) => yesNo(u.onDuty) },
          { label: 'admin.fields.disabled', value: (u) => yesNo(u.disabled) },
        ]}
        fields={userFields}
        toDraft={(u) => ({
          login: u?.login ?? '',
          displayName: u?.displayName ?? '',
          role: u?.role ?? 'operator',
          organisationId: u?.organisationId ?? organisations[0]?.id ?? '',
          onDuty: u?.onDuty ?? false,
          disabled: u?.disabled ?? false,
          password: '',
        })}
        save={(d, u) =>
          mutate('admin.user.save', {
            user: {
              id: u?.id ?? newId(),
              login: str(d.login),
              displayName: str(d.displayName),
              role: str(d.role) as User['role'],
              organisationId: str(d.organisationId),
              disabled: bool(d.disabled),
              onDuty: bool(d.onDuty),
            },
            password: u === null || str(d.password) !== '' ? str(d.password) : null,
          })
        }
      />
    ),
    categories: (
      <AdminSection<Category>
        name="categories"
        fixed
        rows={CATEGORIES}
        rowKey={(c) => c}
        columns={[
          { label: 'admin.fields.category', value: (c) => tc(`category.${c}`) },
          { label: 'admin.fields.fastTrackDays', value: (c) => fastTrackDays(c) },
        ]}
        fields={[{ key: 'fastTrackDays', label: 'admin.fields.fastTrackDays', kind: 'number', min: 2, max: 8, required: true }]}
        toDraft={(c) => ({ category: c ?? 'other', fastTrackDays: String(c ? fastTrackDays(c) : 5) })}
        save={(d) => mutate('admin.category.save', { setting: { regionId, category: str(d.category) as Category, fastTrackDays: Number(str(d.fastTrackDays)) } })}
      />
    ),
    routing: (
      <AdminSection<RoutingRule>
        name="routing"
        rows={workflow?.routingRules ?? []}
        rowKey={(r) => r.id}
        columns={[
          { label: 'admin.fields.category', value: (r) => tc(`category.${r.category}`) },
          { label: 'admin.fields.municipality', value: (r) => munName(r.municipalityId) },
          { label: 'admin.fields.organisation', value: (r) => orgName(r.organisationId) },
        ]}
        fields={[
          { key: 'category', label: 'admin.fields.category', kind: 'select', options: categoryOptions },
          { key: 'municipalityId', label: 'admin.fields.municipality', kind: 'select', options: [...any('admin.any'), ...munOptions] },
          { key: 'organisationId', label: 'admin.fields.organisation', kind: 'select', options: orgOptions, required: true },
        ]}
        toDraft={(r) => ({ category: r?.category ?? 'housing', municipalityId: r?.municipalityId ?? '', organisationId: r?.organisationId ?? organisations[0]?.id ?? '' })}
        save={(d, r) =>
          mutate('admin.routing.save', {
            rule: { id: r?.id ?? newId(), regionId, category: str(d.category) as Category, municipalityId: orNull(d.municipalityId), organisationId: str(d.organisationId) },
          })
        }
        remove={(r) => mutate('admin.routing.delete', { ruleId: r.id })}
      />
    ),
    templates: (
      <AdminSection<AnswerTemplate>
        name="templates"
        rows={workflow?.templates ?? []}
        rowKey={(x) => x.id}
        columns={[
          { label: 'admin.fields.title', value: (x) => x.title },
          { label: 'admin.fields.category', value: (x) => (x.category ? tc(`category.${x.category}`) : t('admin.anyCategory')) },
          { label: 'admin.fields.organisation', value: (x) => orgName(x.organisationId) },
          { label: 'admin.fields.reportsWork', value: (x) => yesNo(x.reportsWork) },
        ]}
        fields={templateFields}
        toDraft={(x) => ({ title: x?.title ?? '', category: x?.category ?? '', organisationId: x?.organisationId ?? '', reportsWork: x?.reportsWork ?? false, body: x?.body ?? '' })}
        validate={(d: FormDraft) => {
          const rendered = renderTemplate(str(d.body), SAMPLE);
          return rendered.ok ? null : t('admin.templateProblems', { names: rendered.problems.map((p) => (p.problem === 'unclosed' ? p.placeholder : `{{${p.placeholder}}}`)).join(', ') });
        }}
        save={(d, x) =>
          mutate('admin.template.save', {
            template: { id: x?.id ?? newId(), regionId, organisationId: orNull(d.organisationId), category: orNull(d.category) as Category | null, title: str(d.title), body: str(d.body), reportsWork: bool(d.reportsWork) },
          })
        }
        remove={(x) => mutate('admin.template.delete', { templateId: x.id })}
      />
    ),
    region: (
      <AdminSection<NonNullable<typeof regionSettings>>
        name="region"
        fixed
        rows={regionSettings ? [regionSettings] : []}
        rowKey={(r) => r.regionId}
        columns={[
          { label: 'admin.fields.hashtag', value: (r) => r.hashtag },
          { label: 'admin.fields.incidentDays', value: (r) => r.incidentResolutionWorkingDays },
          { label: 'admin.fields.calendarRegion', value: (r) => r.calendarRegionCode ?? t('admin.fields.federalOnly') },
        ]}
        fields={[
          { key: 'hashtag', label: 'admin.fields.hashtag', kind: 'text' },
          { key: 'incidentResolutionWorkingDays', label: 'admin.fields.incidentDays', kind: 'number', min: 1, max: 60, required: true },
          {
            key: 'calendarRegionCode',
            label: 'admin.fields.calendarRegion',
            kind: 'select',
            options: [{ value: '', label: t('admin.fields.federalOnly') }, ...CALENDAR_REGIONS.map((r) => ({ value: r.code, label: `${r.code} — ${r.name}` }))],
          },
        ]}
        toDraft={(r) => ({ hashtag: r?.hashtag ?? '', incidentResolutionWorkingDays: String(r?.incidentResolutionWorkingDays ?? 10), calendarRegionCode: r?.calendarRegionCode ?? '' })}
        save={(d) =>
          mutate('admin.region.save', {
            settings: { regionId, hashtag: str(d.hashtag), incidentResolutionWorkingDays: Number(str(d.incidentResolutionWorkingDays)), calendarRegionCode: orNull(d.calendarRegionCode) },
          })
        }
      />
    ),
    calendars: <Calendars regionCode={regionSettings?.calendarRegionCode ?? null} />,
  } satisfies Record<SectionName, unknown>;
}

/** Which years have production-calendar data (federal, and the region's holidays) and which fall back to Monday–Friday. */
function Calendars({ regionCode }: { regionCode: string | null }) {
  const t = useWorkflowT();
  const thisYear = new Date().getFullYear();
  const first = Math.min(...CALENDAR_YEARS, thisYear);
  const last = Math.max(...CALENDAR_YEARS, thisYear + 1);
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (
    <section className="admin-section" data-testid="admin-calendars">
      <p className="muted">{t('admin.calendarNote')}</p>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.fields.year')}</th>
            <th scope="col">{t('admin.fields.source')}</th>
            <th scope="col">{t('admin.fields.regionSource')}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((year) => {
            const calendar = getCalendar(year, regionCode);
            return (
              <tr key={year} data-testid="admin-calendar-row" data-year={year} data-fallback={calendar.isFallback}>
                <td>{year}</td>
                <td className={calendar.isFallback ? 'calendar-fallback' : undefined}>{calendar.isFallback ? t('admin.calendarFallback') : (calendar.source ?? t('admin.calendarHas'))}</td>
                <td>{calendar.regionSource ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function AdminScreen() {
  const t = useWorkflowT();
  const role = useConsole((s) => s.user?.role);
  const [section, setSection] = useState<SectionName>('organisations');
  const sections = useSections();
  if (role !== 'admin') return <p className="muted admin-denied">{t('admin.onlyAdmin')}</p>;
  return (
    <div className="admin-screen" data-testid="admin-screen">
      <nav className="admin-nav" aria-label={t('admin.title')}>
        <h2>{t('admin.title')}</h2>
        <ul role="tablist" aria-orientation="vertical">
          {SECTIONS.map((name) => (
            <li key={name}>
              <button
                type="button"
                role="tab"
                aria-selected={section === name}
                className={`admin-nav-item${section === name ? ' is-active' : ''}`}
                onClick={() => setSection(name)}
                data-testid={`admin-nav-${name}`}
              >
                {t(`admin.sections.${name}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="admin-main" role="tabpanel">
        <h3>{t(`admin.sections.${section}`)}</h3>
        {sections[section]}
      </main>
    </div>
  );
}
