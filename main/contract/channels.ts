/** The two IPC channels: calls (invoke/handle) and progress events (main → renderer). */
export const CALL_CHANNEL = 'grantlens:call';
export const PROGRESS_CHANNEL = 'grantlens:progress';
