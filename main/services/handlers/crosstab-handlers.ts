import type { HandlerMap } from '../context';
import { crosstab, crosstabDrill } from '../crosstab/crosstab';

export const crosstabHandlers = {
  'crosstab.run': (args, { store }) => crosstab(store.db, args),
  'crosstab.drill': (args, { store }) => crosstabDrill(store.db, args),
} satisfies Partial<HandlerMap>;
