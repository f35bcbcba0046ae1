import type { HandlerMap } from '../context';
import { writeExport } from '../export-file';

export const fileHandlers = {
  'files.writeExport': (args, { files }) => writeExport(files.resolve(args.fileId), args),
} satisfies Partial<HandlerMap>;
