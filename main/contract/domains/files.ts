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
  extensions: z.array(z.enum(['csv', 'xlsx', 'json', 'geojson', 'html', 'pdf', 'png', 'svg', 'glx', 'sqlite'])).min(1).max(10),
  /** For an export, the name the save dialog suggests. */
  suggestedName: z.string().max(200).regex(/^[^/\\]*$/, 'a file name, not a path').optional(),
});

/**
 * The most a renderer may hand over to be written (characters of SVG text or of base64 PNG): a
 * chart at twice its size on screen is a few hundred kilobytes, so this is room to spare, and under the 10 MB no string at the boundary may take.
 */
export const EXPORT_DATA_MAX = 8 * 1024 * 1024;

/** What the renderer drew itself (a chart as PNG or SVG), to a file the user picked for export. */
export const writeExportArgs = z.strictObject({
  fileId,
  kind: z.enum(['png', 'svg']),
  /** SVG as text; PNG as base64, without a data: prefix. */
  data: z.string().min(1).max(EXPORT_DATA_MAX),
});

export const fileCalls = {
  'files.pick': call(filePickArgs, pickedFile.nullable()),
  /** Writes the file, not the store: it runs on a reader. */
  'files.writeExport': call(writeExportArgs, z.object({ bytes: z.number().int().min(0) })),
};

export type PickedFile = z.output<typeof pickedFile>;
export type FilePickArgs = z.output<typeof filePickArgs>;
export type WriteExportArgs = z.output<typeof writeExportArgs>;
