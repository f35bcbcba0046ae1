import type { HandlerMap } from '../context';
import { crosstabHandlers } from './crosstab-handlers';
import { evaluationHandlers } from './evaluation-handlers';
import { fileHandlers } from './file-handlers';
import { backupHandlers } from './backup-handlers';
import { exchangeHandlers } from './exchange-handlers';
import { indicatorHandlers } from './indicator-handlers';
import { registerHandlers } from './register-handlers';
import { storeHandlers } from './store-handlers';

/** Every service call's handler, one domain file each; tsc checks that none is missing. */
export const handlers: HandlerMap = {
  ...storeHandlers,
  ...indicatorHandlers,
  ...registerHandlers,
  ...crosstabHandlers,
  ...evaluationHandlers,
  ...backupHandlers,
  ...fileHandlers,
  ...exchangeHandlers,
};
