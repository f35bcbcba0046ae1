import type { ApplicationRow, OrganisationRow } from '../../contract/calls';
import { importRegister, previewImport } from '../../importers/register/import-register';
import type { HandlerMap } from '../context';
import { countRows, queryPage } from '../paging/page-query';
import { applicationDetail } from '../register/application-detail';
import { updateApplication } from '../register/application-edit';
import { undoLastEdit, undoState } from '../../domain/audit';
import { addDecision, addPayment, addReport, receiveReport } from '../register/follow-up-edit';
import { callBudgets } from '../register/call-budget';
import { exportApplications } from '../register/export-view';
import { applicationKeys, applicationScope, applicationsGrid, organisationKeys, organisationsGrid } from '../register/register-grids';
import { deleteView, listViews, saveView } from '../register/saved-views';

export const registerHandlers = {
  'applications.page': (args, { store }) => queryPage<ApplicationRow>(store.db, applicationsGrid, args, applicationKeys, applicationScope(args)),
  'applications.count': (args, { store }) => countRows(store.db, applicationsGrid, args, applicationScope(args)),
  'applications.get': ({ id }, { store }) => applicationDetail(store.db, id),
  'applications.update': ({ id, changes }, { store }) => updateApplication(store.db, id, changes),
  'reports.add': ({ applicationId, entry }, { store }) => addReport(store.db, applicationId, entry),
  'reports.receive': ({ reportId, entry }, { store }) => receiveReport(store.db, reportId, entry),
  'payments.add': ({ applicationId, entry }, { store }) => addPayment(store.db, applicationId, entry),
  'decisions.add': ({ applicationId, entry }, { store }) => addDecision(store.db, applicationId, entry),
  'organisations.page': (args, { store }) => queryPage<OrganisationRow>(store.db, organisationsGrid, args, organisationKeys),
  'organisations.count': (args, { store }) => countRows(store.db, organisationsGrid, args),
  'register.lastEdit': (_args, { store }) => undoState(store.db),
  'register.undo': (_args, { store }) => {
    undoLastEdit(store.db);
    return undoState(store.db);
  },
  'calls.budget': (_args, { store }) => callBudgets(store.db),
  'views.list': ({ grid }, { store }) => listViews(store.db, grid),
  'views.save': ({ grid, name, state }, { store }) => saveView(store.db, grid, name, state),
  'views.delete': ({ id }, { store }) => deleteView(store.db, id),
  'import.preview': ({ fileId, kind }, { files }) => previewImport(files.resolve(fileId), kind),
  'import.run': (args, { store, files, progress }) =>
    importRegister(store.db, files.resolve(args.fileId), { ...args, progress }),
  'applications.export': (args, { store, files, progress }) => exportApplications(store.db, files.resolve(args.fileId), args, progress),
} satisfies Partial<HandlerMap>;
