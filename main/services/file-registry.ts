import { basename } from 'node:path';
import type { PickedFile } from '../contract/calls';
import { AppError } from '../contract/errors';

/**
 * Files the user chose in a native dialog, by opaque id: the renderer passes ids, never paths, so
 * it cannot make the services read or write anything the user did not pick.
 */
export class FileRegistry {
  private readonly paths = new Map<string, string>();
  private next = 1;

  register(path: string, fileId = `f${(this.next++).toString(36)}`): PickedFile {
    this.paths.set(fileId, path);
    return { fileId, name: basename(path) };
  }

  resolve(fileId: string): string {
    const path = this.paths.get(fileId);
    if (!path) throw new AppError('INVALID_ARGUMENT', `No file was chosen with id ${fileId}; choose the file again.`);
    return path;
  }
}
