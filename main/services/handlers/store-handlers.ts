import { localDay } from '../../contract/local-day';
import type { HandlerMap } from '../context';
import { generateDemo } from '../demo/generate-demo';
import { overview } from '../overview';
import { markOnboarded, storeInfo } from '../store-info';

export const storeHandlers = {
  'store.info': (_args, { store }) => storeInfo(store),
  'store.markOnboarded': (_args, { store }) => markOnboarded(store),
  'demo.load': (args, context) => generateDemo(context, { ...args, today: args.today ?? localDay() }),
  'overview.get': (_args, { store }) => overview(store),
} satisfies Partial<HandlerMap>;
