import { callNameList } from '../../../main/contract/call-names';
import { CALL_PATH, CANCEL_PATH, EVENTS_PATH } from './paths';

/**
 * The browser side of the test bridge: it stands in for the preload, putting the same
 * `window.grantlens` object on the page, but speaks HTTP to the loopback bridge instead of IPC.
 * It is served only by the bridge and never bundled into the app.
 */
export function bridgeClientScript(): string {
  return `(() => {
  // Call ids are the page's own; the bridge may serve several pages at once.
  const session = crypto.randomUUID();
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  const subscribe = (type) => {
    const listeners = new Set();
    events.addEventListener(type, (event) => {
      const payload = JSON.parse(event.data);
      for (const listener of listeners) listener(payload);
    });
    return (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
  };
  const post = (path, body) =>
    fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const api = {
    onProgress: subscribe('progress'),
    onChanges: subscribe('changes'),
    cancel(callId) {
      void post(${JSON.stringify(CANCEL_PATH)}, { callId: session + ':' + callId });
    },
  };
  for (const name of ${JSON.stringify(callNameList)}) {
    api[name] = (args, callId) =>
      post(${JSON.stringify(CALL_PATH)}, { name, args, callId: callId === undefined ? undefined : session + ':' + callId }).then((response) => response.json());
  }
  window.grantlens = Object.freeze(api);
})();
`;
}
