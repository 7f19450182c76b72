// The full mutation handler map: one entry per name in shared/mutations.ts, grouped by domain.
import type { MutationName } from '../../shared/index.js';
import { appealHandlers } from './appeal.js';
import { attachmentHandlers } from './attachment.js';
import { adminHandlers } from './admin.js';
import { answerHandlers } from './answer.js';
import { auditHandlers } from './audit.js';
import type { MutationHandlers } from './types.js';

export const handlers: MutationHandlers<MutationName> = {
  ...appealHandlers,
  ...attachmentHandlers,
  ...answerHandlers,
  ...auditHandlers,
  ...adminHandlers,
};
