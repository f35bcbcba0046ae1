import type { HandlerMap } from '../context';
import { deleteAnalysis, exportAnalysisFile, importAnalysisFile, listAnalyses, saveAnalysis } from '../crosstab/analyses';
import { crosstab, crosstabDrill, exportCrosstab } from '../crosstab/crosstab';

export const crosstabHandlers = {
  'crosstab.run': (args, { store }) => crosstab(store.db, args),
  'crosstab.drill': (args, { store }) => crosstabDrill(store.db, args),
  'crosstab.export': (args, { store, files }) => exportCrosstab(store.db, files.resolve(args.fileId), args),
  'analyses.list': (_args, { store }) => listAnalyses(store.db),
  'analyses.save': (args, { store }) => saveAnalysis(store.db, args),
  'analyses.delete': ({ id }, { store }) => deleteAnalysis(store.db, id),
  'analyses.exportFile': ({ id, fileId }, { store, files }) => exportAnalysisFile(store.db, id, files.resolve(fileId)),
  'analyses.importFile': ({ fileId }, { store, files }) => importAnalysisFile(store.db, files.resolve(fileId)),
} satisfies Partial<HandlerMap>;
