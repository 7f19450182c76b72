// The composer's checks: photo proof by the shared rule, templates for the appeal, filling that never leaves a silent blank, the published preview.
import { describe, expect, it } from 'vitest';
import { fillTemplate, leftoverPlaceholders, missingProof, publishedPreview, templatesFor } from './answer-rules.js';
import { AT } from './testing.js';

const up = (kind: 'before' | 'after' | 'document', uploadedAt: string | null = AT) => ({ kind, uploadedAt });

describe('answer proof', () => {
  it('names each missing uploaded photo kind', () => {
    expect(missingProof([])).toEqual(['before', 'after']);
    expect(missingProof([up('before')])).toEqual(['after']);
    expect(missingProof([up('before'), up('after', null)])).toEqual(['after']);
    expect(missingProof([up('before'), up('after')])).toEqual([]);
  });
});

describe('templates for an appeal', () => {
  const base = { regionId: 'r', body: 'x', reportsWork: false, updatedAt: AT };
  it('offers the region-wide and own-organisation templates of the category or of any category', () => {
    const templates = [
      { ...base, id: 'all', title: 'Общий', organisationId: null, category: null },
      { ...base, id: 'own', title: 'ЖКХ свой', organisationId: 'org-1', category: 'housing' as const },
      { ...base, id: 'other-org', title: 'Чужой', organisationId: 'org-2', category: null },
      { ...base, id: 'roads', title: 'Дороги', organisationId: null, category: 'roads' as const },
    ];
    expect(templatesFor(templates, 'org-1', 'housing').map((t) => t.id)).toEqual(['own', 'all']);
  });
});

describe('template filling', () => {
  it('fills known placeholders and keeps unknown or empty ones visible, listing them', () => {
    const result = fillTemplate('{{citizen_name}}, по адресу {{address}} {{citizen}} — {{appeal_number}}', { citizen_name: null, address: 'ул. Ленина, 5', appeal_number: 'ЗРЧ-1' });
    expect(result.text).toBe('{{citizen_name}}, по адресу ул. Ленина, 5 {{citizen}} — ЗРЧ-1');
    expect(result.problems).toEqual(['{{citizen_name}}', '{{citizen}}']);
    expect(leftoverPlaceholders(result.text)).toEqual(['{{citizen_name}}', '{{citizen}}']);
  });

  it('returns the rendered text with no problems when every value is known', () => {
    expect(fillTemplate('Здравствуйте, {{ citizen_name }}!', { citizen_name: 'Анна' })).toEqual({ text: 'Здравствуйте, Анна!', problems: [] });
  });
});

describe('published preview', () => {
  it('adds the signature label and the hashtag after the text', () => {
    expect(publishedPreview(' Яму заделали. ', 'Ответ администрации', '#намневсеравно')).toBe('Яму заделали.\n\nОтвет администрации\n#намневсеравно');
    expect(publishedPreview('Текст', '', '')).toBe('Текст');
  });
});
