import type { HandlerMap } from '../context';
import { evaluationDid } from '../evaluation/did';
import { evaluationStatus } from '../evaluation/status';

export const evaluationHandlers = {
  'evaluation.did': (args, { store }) => evaluationDid(store.db, args),
  'evaluation.status': (args, { store }) => evaluationStatus(store.db, args.today),
} satisfies Partial<HandlerMap>;
