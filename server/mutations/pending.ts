// Workflow mutations whose server side is still being built: refused with a code until their handlers land.
import { WORKFLOW_MUTATION_ARGS } from '../../shared/index.js';
import { MutationRejected, type MutationHandlers } from './types.js';

type WorkflowMutation = keyof typeof WORKFLOW_MUTATION_ARGS;

export const pendingHandlers = Object.fromEntries(
  Object.keys(WORKFLOW_MUTATION_ARGS).map((name) => [
    name,
    () => Promise.reject(new MutationRejected('UNKNOWN_MUTATION', `${name} is not available on this server yet`)),
  ]),
) as unknown as MutationHandlers<WorkflowMutation>;
