import type { HandlerMap } from '../context';
import { evaluationDid } from '../evaluation/did';

export const evaluationHandlers = {
  'evaluation.did': (args, { store }) => evaluationDid(store.db, args),
} satisfies Partial<HandlerMap>;
