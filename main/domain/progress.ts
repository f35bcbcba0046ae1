/** How long work says how far it is; `total` is null while the amount of work is not yet known. */
export type ReportProgress = (phase: string, done: number, total: number | null) => void;
