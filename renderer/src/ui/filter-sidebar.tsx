// Queue filters by status, priority, category, channel and municipality, each value with its count.
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, CHANNELS, PRIORITIES, STATUSES } from '../../../shared/index.js';
import type { FacetCounts, QueueFilters } from '../store/contract.js';
import { formatNumber } from './format-date.js';
import { consoleStore, useConsole } from './store-access.js';
import { useLanguage } from './use-language.js';
import { useLookup } from './use-lookup.js';

type Facet = 'status' | 'priority' | 'category' | 'channel' | 'municipalityId';

interface Option {
  value: string;
  label: string;
  count: number;
}

/** Municipalities shown before "show all": a region can have hundreds. */
const MUNICIPALITIES_FOLDED = 8;

function toggle(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

const FacetGroup = memo(function FacetGroup({ facet, title, options, selected }: { facet: Facet; title: string; options: Option[]; selected: readonly string[] }) {
  const lang = useLanguage();
  const onToggle = (value: string) => consoleStore.getState().setFilters({ [facet]: toggle(selected, value) } as Partial<QueueFilters>);
  return (
    <fieldset className="facet" data-testid={`filter-${facet}`}>
      <legend className="facet-title">{title}</legend>
      {options.map((o) => {
        const checked = selected.includes(o.value);
        return (
          <label key={o.value} className={`facet-option${checked ? ' is-checked' : ''}${o.count === 0 ? ' is-empty' : ''}`} data-testid={`filter-${facet}-${o.value}`}>
            <input type="checkbox" checked={checked} onChange={() => onToggle(o.value)} />
            <span className="facet-label">{o.label}</span>
            <span className="facet-count" data-testid="facet-count">{formatNumber(o.count, lang)}</span>
          </label>
        );
      })}
    </fieldset>
  );
});

function MunicipalityFacet({ counts, selected }: { counts: FacetCounts['municipalityId']; selected: readonly string[] }) {
  const { t } = useTranslation();
  const lookup = useLookup();
  const [expanded, setExpanded] = useState(false);
  const [query, setQuery] = useState('');
  const all = useMemo(() => {
    const options = [...lookup.municipality.values()].map((m) => ({ value: m.id, label: m.name, count: counts[m.id] ?? 0 }));
    return options.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ru'));
  }, [lookup, counts]);
  const needle = query.trim().toLocaleLowerCase('ru');
  const matching = needle === '' ? all : all.filter((o) => o.label.toLocaleLowerCase('ru').includes(needle));
  const visible = expanded || needle !== '' ? matching : matching.filter((o, i) => i < MUNICIPALITIES_FOLDED || selected.includes(o.value));
  return (
    <div className="facet-municipality">
      {all.length > MUNICIPALITIES_FOLDED && (
        <input
          type="search"
          className="facet-search"
          placeholder={t('filters.findMunicipality')}
          aria-label={t('filters.findMunicipality')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      <FacetGroup facet="municipalityId" title={t('filters.municipality')} options={visible} selected={selected} />
      {needle === '' && all.length > MUNICIPALITIES_FOLDED && (
        <button type="button" className="link-button facet-more" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('filters.showLess') : t('filters.showAll', { count: all.length })}
        </button>
      )}
    </div>
  );
}

export function FilterSidebar() {
  const { t } = useTranslation();
  const filters = useConsole((s) => s.filters);
  const counts = useConsole((s) => s.counts);
  const any = filters.status.length + filters.priority.length + filters.category.length + filters.channel.length + filters.municipalityId.length > 0;

  const groups = useMemo(
    () => ({
      status: STATUSES.map((v) => ({ value: v, label: t(`status.${v}`), count: counts.status[v] ?? 0 })),
      priority: PRIORITIES.map((v) => ({ value: v, label: t(`priority.${v}`), count: counts.priority[v] ?? 0 })),
      category: CATEGORIES.map((v) => ({ value: v, label: t(`category.${v}`), count: counts.category[v] ?? 0 })),
      channel: CHANNELS.map((v) => ({ value: v, label: t(`channel.${v}`), count: counts.channel[v] ?? 0 })),
    }),
    [counts, t],
  );

  return (
    <aside className="sidebar" aria-label={t('filters.label')} data-testid="filters">
      <div className="sidebar-head">
        <h2>{t('filters.label')}</h2>
        {any && (
          <button
            type="button"
            className="link-button"
            data-testid="filters-reset"
            onClick={() => consoleStore.getState().setFilters({ status: [], priority: [], category: [], channel: [], municipalityId: [] })}
          >
            {t('filters.reset')}
          </button>
        )}
      </div>
      <FacetGroup facet="status" title={t('filters.status')} options={groups.status} selected={filters.status} />
      <FacetGroup facet="priority" title={t('filters.priority')} options={groups.priority} selected={filters.priority} />
      <FacetGroup facet="category" title={t('filters.category')} options={groups.category} selected={filters.category} />
      <FacetGroup facet="channel" title={t('filters.channel')} options={groups.channel} selected={filters.channel} />
      <MunicipalityFacet counts={counts.municipalityId} selected={filters.municipalityId} />
    </aside>
  );
}
