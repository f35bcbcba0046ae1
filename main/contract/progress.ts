/** Sent while a long call runs; `total` is null while the amount of work is not yet known. */
export interface Progress {
  call: string;
  phase: string;
  done: number;
  total: number | null;
}
