import type { WriteExportArgs } from '../contract/calls';
import { AppError } from '../contract/errors';
import { writeFileAtomically } from '../store/atomic-file';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The bytes of what the renderer drew, checked to be the kind it says: a PNG by its signature, an
 * SVG by its root element. Anything else is refused before the file is touched.
 */
function bytesOf({ kind, data }: Pick<WriteExportArgs, 'kind' | 'data'>): Buffer {
  if (kind === 'svg') {
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data)) throw new AppError('INVALID_ARGUMENT', 'The data is not an SVG image.');
    return Buffer.from(data, 'utf8');
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw new AppError('INVALID_ARGUMENT', 'The PNG is not base64.');
  const bytes = Buffer.from(data, 'base64');
  if (!bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) throw new AppError('INVALID_ARGUMENT', 'The data is not a PNG image.');
  return bytes;
}

/** Writes a chart the renderer made to the file the user picked, whole or not at all. */
export async function writeExport(path: string, args: Pick<WriteExportArgs, 'kind' | 'data'>): Promise<{ bytes: number }> {
  const bytes = bytesOf(args);
  await writeFileAtomically(path, bytes);
  return { bytes: bytes.length };
}
