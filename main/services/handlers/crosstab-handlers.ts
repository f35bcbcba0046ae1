import type { HandlerMap } from '../context';
import { crosstab, crosstabDrill, exportCrosstab } from '../crosstab/crosstab';

export const crosstabHandlers = {
  'crosstab.run': (args, { store }) => crosstab(store.db, args),
  'crosstab.drill': (args, { store }) => crosstabDrill(store.db, args),
  'crosstab.export': (args, { store, files }) => exportCrosstab(store.db, files.resolve(args.fileId), args),
} satisfies Partial<HandlerMap>;
