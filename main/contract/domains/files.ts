import { z } from 'zod';
import { call } from '../call-spec';

// The renderer never names paths. A file is chosen in a native dialog served by the shell, which
// registers it with the services and hands the renderer an opaque id to pass to later calls.

export const pickedFile = z.object({
  fileId: z.string(),
  name: z.string(),
});

export const fileId = z.string().max(21).regex(/^f[0-9a-z]{1,20}$/, 'not a file id');

export const filePickArgs = z.strictObject({
  purpose: z.enum(['import', 'export']),
  /** File extensions the dialog offers, without dots. */
  extensions: z.array(z.enum(['csv', 'xlsx', 'json', 'geojson', 'html', 'pdf', 'glx'])).min(1).max(6),
  /** For an export, the name the save dialog suggests. */
  suggestedName: z.string().max(200).regex(/^[^/\\]*$/, 'a file name, not a path').optional(),
});

export const fileCalls = {
  'files.pick': call(filePickArgs, pickedFile.nullable()),
};

export type PickedFile = z.output<typeof pickedFile>;
export type FilePickArgs = z.output<typeof filePickArgs>;
