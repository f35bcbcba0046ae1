import { callNames } from '../../../main/contract/calls';
import { CALL_PATH, EVENTS_PATH } from './paths';

/**
 * The browser side of the test bridge: it stands in for the preload, putting the same
 * `window.grantlens` object on the page, but speaks HTTP to the loopback bridge instead of IPC.
 * It is served only by the bridge and never bundled into the app.
 */
export function bridgeClientScript(): string {
  return `(() => {
  const listeners = new Set();
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.onmessage = (event) => {
    const progress = JSON.parse(event.data);
    for (const listener of listeners) listener(progress);
  };
  const api = {
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const name of ${JSON.stringify(callNames)}) {
    api[name] = (args) =>
      fetch(${JSON.stringify(CALL_PATH)}, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, args }),
      }).then((response) => response.json());
  }
  window.grantlens = Object.freeze(api);
})();
`;
}
