// Tests of the demo-data generator: schema validity, determinism, coverage, consistency, and speed at 100 000 appeals.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Appeal, AppealEvent, CATEGORIES, CHANNELS, Comment, DECLINE_REASONS, kindForChannel, Municipality, Organisation,
  PRIORITIES, Region, ROLES, STATUSES, User,
} from '../../shared/index.js';
import { DEMO_LOGINS, generateDemo } from './generate.js';
import { PROBLEMS } from './texts.js';
import type { DemoData } from './types.js';

const now = new Date('2026-02-10T09:00:00.000Z');
const PROBLEMS_ALL = CATEGORIES.flatMap((c) => PROBLEMS[c]);
let sample: DemoData;

beforeAll(() => {
  sample = generateDemo({ appeals: 2000, seed: 7, now });
});

describe('generateDemo', () => {
  it('produces exactly the number of appeals asked for', () => {
    expect(sample.appeals).toHaveLength(2000);
    expect(generateDemo({ appeals: 0, seed: 1, now }).appeals).toHaveLength(0);
  });

  it('produces rows that all pass the shared schemas', () => {
    Region.parse(sample.region);
    for (const m of sample.municipalities) Municipality.parse(m);
    for (const o of sample.organisations) Organisation.parse(o);
    for (const u of sample.users) User.parse(u);
    for (const a of sample.appeals) Appeal.parse(a);
    for (const c of sample.comments) Comment.parse(c);
    for (const e of sample.events) AppealEvent.parse(e);
  });

  it('gives identical output for the same seed and now, and different output for another seed', () => {
    const a = generateDemo({ appeals: 300, seed: 99, now });
    const b = generateDemo({ appeals: 300, seed: 99, now });
    const c = generateDemo({ appeals: 300, seed: 100, now });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(c.appeals)).not.toBe(JSON.stringify(a.appeals));
  });

  it('covers every channel, category, priority, status and decline reason', () => {
    const seen = (pick: (a: Appeal) => unknown) => new Set(sample.appeals.map(pick));
    for (const ch of CHANNELS) expect(seen((a) => a.channel)).toContain(ch);
    for (const cat of CATEGORIES) expect(seen((a) => a.category)).toContain(cat);
    for (const p of PRIORITIES) expect(seen((a) => a.priority)).toContain(p);
    for (const s of STATUSES) expect(seen((a) => a.status)).toContain(s);
    for (const r of DECLINE_REASONS) expect(seen((a) => a.declineReason)).toContain(r);
  });

  it('keeps emergencies rare and phone the main channel of rural districts', () => {
    const emergencies = sample.appeals.filter((a) => a.priority === 'emergency').length;
    expect(emergencies).toBeGreaterThan(0);
    expect(emergencies / sample.appeals.length).toBeLessThan(0.05);
    const rural = new Set(sample.municipalities.filter((m) => m.rural).map((m) => m.id));
    const ruralAppeals = sample.appeals.filter((a) => a.municipalityId !== null && rural.has(a.municipalityId));
    expect(ruralAppeals.filter((a) => a.channel === 'phone').length / ruralAppeals.length).toBeGreaterThan(0.35);
  });

  it('gives every appeal, event and comment a unique id and every appeal a unique readable number', () => {
    const numbers = sample.appeals.map((a) => a.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const prefixes = new Set(sample.organisations.map((o) => o.prefix));
    for (const n of numbers) {
      expect(n).toMatch(/^[А-ЯЁ]+-\d{4}-\d{4,}$/);
      expect(prefixes).toContain(n.split('-')[0]);
    }
    for (const rows of [sample.appeals, sample.events, sample.comments]) {
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('spreads appeals over the 60 days before now with consistent timestamps and deadlines', () => {
    const from = now.getTime() - 60 * 86_400_000;
    for (const a of sample.appeals) {
      const received = Date.parse(a.receivedAt);
      expect(received).toBeGreaterThanOrEqual(from);
      expect(Date.parse(a.createdAt)).toBeGreaterThanOrEqual(received);
      expect(Date.parse(a.updatedAt)).toBeGreaterThanOrEqual(Date.parse(a.createdAt));
      expect(Date.parse(a.updatedAt)).toBeLessThanOrEqual(now.getTime());
      const firstDue = Date.parse(a.firstReactionDueAt as string) - received;
      expect(firstDue).toBe(a.priority === 'emergency' ? 3_600_000 : 8 * 3_600_000);
      expect(Date.parse(a.resolutionDueAt as string)).toBeGreaterThan(received);
      expect(a.kind).toBe(kindForChannel(a.channel));
      expect(a.version).toBeGreaterThanOrEqual(1);
      if (a.firstReactionAt !== null) expect(Date.parse(a.firstReactionAt)).toBeGreaterThanOrEqual(received);
    }
    const oldest = Math.min(...sample.appeals.map((a) => Date.parse(a.receivedAt)));
    expect(oldest - from).toBeLessThan(3 * 86_400_000);
  });

  it('keeps each appeal consistent with its organisation, assignee, decline and channel', () => {
    const users = new Map(sample.users.map((u) => [u.id, u]));
    const byId = new Map(sample.appeals.map((a) => [a.id, a]));
    const index = new Map(sample.appeals.map((a, i) => [a.id, i]));
    const orgIds = new Set(sample.organisations.map((o) => o.id));
    const assignedStatuses = ['assigned', 'in_progress', 'answer_draft', 'answer_review', 'answered', 'closed', 'reopened'];
    for (const a of sample.appeals) {
      expect(orgIds).toContain(a.organisationId);
      if (assignedStatuses.includes(a.status)) {
        const assignee = users.get(a.assigneeId as string);
        expect(assignee?.organisationId).toBe(a.organisationId);
        expect(a.firstReactionAt).not.toBeNull();
      } else {
        expect(a.assigneeId).toBeNull();
      }
      expect(a.declineReason !== null).toBe(a.status === 'declined');
      expect(a.duplicateOfId !== null).toBe(a.declineReason === 'duplicate');
      if (a.duplicateOfId !== null) {
        const original = byId.get(a.duplicateOfId);
        expect(original?.organisationId).toBe(a.organisationId);
        expect(index.get(a.duplicateOfId)).toBeLessThan(index.get(a.id) as number);
      }
      if (a.channel === 'web_form') expect(a.consent).toBe(true);
      if (a.channel === 'email' || a.channel === 'web_form') expect(a.citizen.email).toMatch(/^[a-z0-9._-]+@[a-z.]+$/);
      if (a.citizen.phone !== null) expect(a.citizen.phone).toMatch(/^\+7\d{10}$/);
      if (['vk', 'ok', 'telegram', 'max'].includes(a.channel)) {
        expect(a.citizen.handle).not.toBeNull();
        expect(a.externalRef?.url).toMatch(/^https:\/\/(vk\.com|ok\.ru|t\.me|max\.ru)\//);
      }
      expect(a.originalText.length).toBeGreaterThan(20);
      expect(a.originalText).not.toMatch(/lorem|ipsum|\{\w+\}|undefined|null/i);
      expect(a.subject.length).toBeGreaterThan(3);
    }
  });

  it('records a history per appeal that starts with creation, runs forward in time and ends in the current status', () => {
    const byAppeal = new Map<string, typeof sample.events>();
    for (const e of sample.events) {
      const list = byAppeal.get(e.appealId) ?? [];
      list.push(e);
      byAppeal.set(e.appealId, list);
    }
    for (const a of sample.appeals) {
      const history = byAppeal.get(a.id) ?? [];
      expect(history[0]?.action).toBe('appeal.create');
      expect(history).toHaveLength(a.version);
      let status: unknown = null;
      let last = 0;
      for (const e of history) {
        const at = Date.parse(e.at);
        expect(at).toBeGreaterThan(last);
        last = at;
        const change = e.changes.status;
        if (change) {
          expect(change[0]).toBe(status);
          status = change[1];
        }
        expect(e.deviceId === null || e.deviceId === 'server').toBe(true);
      }
      expect(status).toBe(a.status);
      expect(history[0]?.at).toBe(a.createdAt);
      expect(history[history.length - 1]?.at).toBe(a.updatedAt);
    }
  });

  it('writes comments by staff of the appeal organisation or the supervisor, after the appeal was created', () => {
    const users = new Map(sample.users.map((u) => [u.id, u]));
    const appeals = new Map(sample.appeals.map((a) => [a.id, a]));
    expect(sample.comments.length).toBeGreaterThan(sample.appeals.length / 10);
    for (const c of sample.comments) {
      const appeal = appeals.get(c.appealId) as Appeal;
      const author = users.get(c.authorId);
      expect(author).toBeDefined();
      expect(author?.role === 'supervisor' || author?.organisationId === appeal.organisationId).toBe(true);
      expect(Date.parse(c.createdAt)).toBeGreaterThanOrEqual(Date.parse(appeal.createdAt));
      expect(Date.parse(c.createdAt)).toBeLessThanOrEqual(now.getTime());
      expect(c.text).not.toContain('{');
    }
  });

  it('writes varied texts rather than a few repeated ones', () => {
    const texts = new Set(sample.appeals.map((a) => a.originalText));
    expect(texts.size).toBeGreaterThan(sample.appeals.length * 0.9);
  });

  it('writes about snow only in winter and about wells, dirt roads and ФАП only from villages', () => {
    const summer = generateDemo({ appeals: 1500, seed: 3, now: new Date('2026-08-20T12:00:00.000Z') });
    const winterOnly = PROBLEMS_ALL.filter((p) => p.season === 'winter').map((p) => p.subject);
    expect(summer.appeals.filter((a) => winterOnly.some((w) => a.subject.startsWith(`${w}:`)))).toHaveLength(0);
    const ruralOnly = PROBLEMS_ALL.filter((p) => p.locality === 'rural').map((p) => p.subject);
    for (const a of [...sample.appeals, ...summer.appeals]) {
      if (ruralOnly.some((r) => a.subject.startsWith(`${r}:`))) expect(a.address).not.toMatch(/^г\. /);
    }
  });

  it('brings some callers back with the same phone number, so the hotline can show their earlier appeals', () => {
    const byPhone = new Map<string, number>();
    for (const a of sample.appeals) if (a.citizen.phone) byPhone.set(a.citizen.phone, (byPhone.get(a.citizen.phone) ?? 0) + 1);
    const repeated = [...byPhone.values()].filter((n) => n > 1).length;
    expect(repeated).toBeGreaterThan(20);
  });

  it('has one storm day with several times the usual number of appeals', () => {
    const perDay = new Map<string, number>();
    for (const a of sample.appeals) perDay.set(a.receivedAt.slice(0, 10), (perDay.get(a.receivedAt.slice(0, 10)) ?? 0) + 1);
    const counts = [...perDay.values()].sort((x, y) => y - x);
    const median = counts[Math.floor(counts.length / 2)] as number;
    expect(counts[0]).toBeGreaterThan(2 * median);
  });

  it('builds a region directory with rural municipalities, 40+ settlements and hundreds of streets', () => {
    expect(sample.municipalities.length).toBeGreaterThanOrEqual(3);
    expect(sample.municipalities.some((m) => m.rural)).toBe(true);
    expect(sample.settlements.length).toBeGreaterThanOrEqual(40);
    expect(sample.settlements.reduce((n, s) => n + s.streets.length, 0)).toBeGreaterThanOrEqual(300);
    const municipalityIds = new Set(sample.municipalities.map((m) => m.id));
    for (const s of sample.settlements) expect(municipalityIds).toContain(s.municipalityId);
    expect(new Set(sample.settlements.map((s) => s.id)).size).toBe(sample.settlements.length);
    for (const s of sample.settlements) expect(new Set(s.streets).size).toBe(s.streets.length);
    const kinds = new Set(sample.settlements.map((s) => s.kind));
    for (const k of ['город', 'село', 'деревня', 'посёлок']) expect(kinds).toContain(k);
  });

  it('places every appeal at an address of a settlement in its municipality', () => {
    for (const a of sample.appeals) {
      const settlement = sample.settlements.find((s) => a.address.includes(` ${s.name}`) && (a.municipalityId === null || s.municipalityId === a.municipalityId));
      expect(settlement, a.address).toBeDefined();
    }
  });

  it('has staff in every role with the documented demo logins', () => {
    const roles = new Set(sample.users.map((u) => u.role));
    for (const r of ROLES) expect(roles).toContain(r);
    expect(sample.organisations).toHaveLength(8);
    const byLogin = new Map(sample.users.map((u) => [u.login, u]));
    for (const login of ['operator1', 'operator2', 'operator3', 'hotline1', 'field1', 'supervisor1', 'admin1']) expect(byLogin.has(login)).toBe(true);
    expect(byLogin.get('operator1')?.organisationId).toBe(byLogin.get('operator2')?.organisationId);
    expect(byLogin.get('operator3')?.organisationId).not.toBe(byLogin.get('operator1')?.organisationId);
    expect(byLogin.get('field1')?.organisationId).toBe(byLogin.get('operator1')?.organisationId);
    expect(sample.users.every((u) => u.password === 'demo')).toBe(true);
    expect(DEMO_LOGINS.map((l) => l.login)).toEqual(sample.users.map((u) => u.login));
    for (const o of sample.organisations) {
      expect(sample.users.some((u) => u.organisationId === o.id && u.role === 'operator')).toBe(true);
    }
  });

  it('generates 100 000 appeals in well under fifteen seconds of CPU time', () => {
    // CPU time rather than wall time: the machine is shared, and a guard must not fail because a neighbour is busy.
    const started = process.cpuUsage();
    const big = generateDemo({ appeals: 100_000, seed: 1, now });
    const used = process.cpuUsage(started);
    expect(big.appeals).toHaveLength(100_000);
    expect(new Set(big.appeals.map((a) => a.number)).size).toBe(100_000);
    expect((used.user + used.system) / 1000).toBeLessThan(15_000);
  }, 180_000);
});
