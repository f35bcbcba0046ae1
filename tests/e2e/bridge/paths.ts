export const CLIENT_PATH = '/__bridge/client.js';
export const CALL_PATH = '/__bridge/call';
export const CANCEL_PATH = '/__bridge/cancel';
export const EVENTS_PATH = '/__bridge/events';
