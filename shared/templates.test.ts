// Template rendering: every placeholder filled from the appeal, Russian dates, and unknown, missing or unclosed placeholders as errors.
import { describe, expect, it } from 'vitest';
import { composePublishedText, findPlaceholders, renderTemplate, russianDate, templateContext, TEMPLATE_PLACEHOLDERS } from './templates.js';

const appeal = {
  citizen: { name: 'Иванова Мария Петровна', phone: null, email: null, handle: null },
  address: 'ул. Ленина, 5',
  number: 'ЗРЧ-7F3A-0042',
  receivedAt: '2026-11-23T20:30:00.000Z',
  resolutionDueAt: '2026-12-07T18:59:59.999Z',
};
const organisation = { name: 'Администрация Заречного', timezone: 'Asia/Yekaterinburg' };

describe('renderTemplate', () => {
  it('fills every placeholder from the appeal, with dates on the organisation’s wall clock', () => {
    const body = TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' | ');
    const result = renderTemplate(body, templateContext(appeal, organisation, '2026-11-25T10:00:00.000Z'));
    expect(result).toEqual({
      ok: true,
      // 20:30 UTC on 23 November is already 24 November in Yekaterinburg (UTC+5)
      value: 'Иванова Мария Петровна | ул. Ленина, 5 | ЗРЧ-7F3A-0042 | 24.11.2026 | 07.12.2026 | Администрация Заречного | 25.11.2026',
    });
  });

  it('accepts spaces inside the braces', () => {
    expect(renderTemplate('Уважаемая {{ citizen_name }}!', { citizen_name: 'Мария' })).toEqual({ ok: true, value: 'Уважаемая Мария!' });
  });

  it('refuses an unknown placeholder with its name instead of leaving a blank', () => {
    const result = renderTemplate('Уважаемый {{citizen}}, по адресу {{address}}', { address: 'ул. Мира, 1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.message).toContain('{{citizen}}');
    expect(result.problems).toEqual([{ placeholder: 'citizen', problem: 'unknown' }]);
  });

  it('reports a known placeholder the appeal has no value for', () => {
    const anonymous = { ...appeal, citizen: { ...appeal.citizen, name: null }, resolutionDueAt: null };
    const result = renderTemplate('{{citizen_name}}, срок — {{due_date}}.', templateContext(anonymous, organisation, new Date()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { placeholder: 'citizen_name', problem: 'missing' },
      { placeholder: 'due_date', problem: 'missing' },
    ]);
    expect(result.error.message).toContain('{{citizen_name}}');
  });

  it('reports a placeholder that is never closed', () => {
    const result = renderTemplate('Ответ по обращению {{appeal_number', { appeal_number: '1' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.problem).toBe('unclosed');
  });

  it('reports each problem once however often it occurs', () => {
    const result = renderTemplate('{{x}} {{x}} {{ x }}', {});
    expect(result.ok ? [] : result.problems).toEqual([{ placeholder: 'x', problem: 'unknown' }]);
  });
});

describe('findPlaceholders', () => {
  it('lists every placeholder left in a text, known or not', () => {
    expect(findPlaceholders('Готово {{address}} и {{ foo }}')).toEqual(['address', 'foo']);
    expect(findPlaceholders('Готово.')).toEqual([]);
  });
});

describe('russianDate', () => {
  it('writes day.month.year in the given zone', () => {
    expect(russianDate('2026-12-31T21:30:00.000Z', 'Europe/Moscow')).toBe('01.01.2027');
    expect(russianDate('2026-12-31T21:30:00.000Z', 'Europe/Kaliningrad')).toBe('31.12.2026');
  });
});

describe('composePublishedText', () => {
  it('adds the signature label and the hashtag on their own lines after the text', () => {
    expect(composePublishedText('  Яма заделана.  ', 'Ответ администрации', '#намневсеравно')).toBe(
      'Яма заделана.\n\nОтвет администрации\n#намневсеравно',
    );
  });

  it('leaves out an empty label or hashtag', () => {
    expect(composePublishedText('Готово.', '', '#тег')).toBe('Готово.\n\n#тег');
    expect(composePublishedText('Готово.', ' ', '')).toBe('Готово.');
  });
});
