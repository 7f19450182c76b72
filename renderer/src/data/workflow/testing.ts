// Builders for the workflow's unit tests: answers and alerts as the server sends them.
import type { Alert, Answer } from '../../../../shared/index.js';

export const AT = '2026-11-23T10:00:00.000Z';

export function makeAnswer(over: Partial<Answer> = {}): Answer {
  return {
    id: 'ans-1', appealId: 'a-1', text: 'Трубу заменим до пятницы.', publishedText: null, reportsWork: false, status: 'draft', version: 1,
    templateId: null, authorId: 'u-op', authorName: 'Оператор', approvedById: null, sentAt: null, createdAt: AT, updatedAt: AT, ...over,
  };
}

export function makeAlert(over: Partial<Alert> = {}): Alert {
  return { id: 'al-1', kind: 'overdue', appealId: 'a-1', appealNumber: 'ЗРЧ-0001', organisationId: 'org-1', regionId: 'reg-1', deadline: 'resolution', dueAt: AT, at: AT, ...over };
}
