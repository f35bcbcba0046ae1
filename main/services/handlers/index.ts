import type { HandlerMap } from '../context';
import { backupHandlers } from './backup-handlers';
import { indicatorHandlers } from './indicator-handlers';
import { registerHandlers } from './register-handlers';
import { storeHandlers } from './store-handlers';

/** Every service call's handler, one domain file each; tsc checks that none is missing. */
export const handlers: HandlerMap = {
  ...storeHandlers,
  ...indicatorHandlers,
  ...registerHandlers,
  ...backupHandlers,
};
