/** The IPC channels: calls (invoke/handle), cancelling one, and progress and change events (main → renderer). */
export const CALL_CHANNEL = 'grantlens:call';
export const CANCEL_CHANNEL = 'grantlens:cancel';
export const PROGRESS_CHANNEL = 'grantlens:progress';
export const CHANGES_CHANNEL = 'grantlens:changes';
