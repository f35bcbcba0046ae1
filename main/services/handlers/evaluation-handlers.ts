import type { HandlerMap } from '../context';
import { evaluationDashboard } from '../evaluation/dashboard';
import { evaluationDid } from '../evaluation/did';
import { grantPage } from '../evaluation/grant-page';
import { deleteEvaluation, readAttachment, saveEvaluation } from '../evaluation/plan-edit';
import { writeEvaluationReport } from '../evaluation/report';
import { evaluationStatus } from '../evaluation/status';

export const evaluationHandlers = {
  'evaluation.did': (args, { store }) => evaluationDid(store.db, args),
  'evaluation.status': (args, { store }) => evaluationStatus(store.db, args.today),
  'evaluation.grant': (args, { store }) => grantPage(store.db, args.applicationId, args.today),
  'evaluation.dashboard': (args, { store }) => evaluationDashboard(store.db, args.today),
  'evaluation.save': (args, { store }) => saveEvaluation(store.db, args),
  'evaluation.delete': (args, { store }) => deleteEvaluation(store.db, args.record, args.id),
  'evaluation.attachment': (args, { store }) => readAttachment(store.db, args.id),
  'evaluation.report': (args, { store, files }) => writeEvaluationReport(store.db, files.resolve(args.fileId), args),
} satisfies Partial<HandlerMap>;
