// The README's "may import" table as rules that `npm run lint:layers` checks (and `npm test` runs):
// a wrong import fails the build instead of waiting for a reviewer to spot it.

/** Lowest first: each layer may import the ones before it, never one after it. */
const layers = ['contract', 'store', 'domain', 'importers', 'services', 'host'];
/** What sits on the host, side by side; none of them imports another. */
const entries = ['main/cli', 'main/electron', 'tests/e2e/bridge'];
const electron = '^(node_modules/)?electron(/|$)';

const upwards = layers.map((layer, index) => ({
  name: `${layer}-not-upwards`,
  comment: `main/${layer} imports only the layers below it (${layers.slice(0, index).join(', ') || 'none'}).`,
  severity: 'error',
  from: { path: `^main/${layer}/` },
  to: {
    path: [
      ...layers.slice(index + 1).map((higher) => `^main/${higher}/`),
      ...entries.map((entry) => `^${entry}/`),
      '^preload/',
      '^renderer/',
    ],
  },
}));

const entriesApart = entries.map((entry) => ({
  name: `${entry.split('/').pop()}-alone`,
  comment: `${entry} builds on the host and below, not on another entry.`,
  severity: 'error',
  from: { path: `^${entry}/` },
  to: { path: [...entries.filter((other) => other !== entry).map((other) => `^${other}/`), '^preload/', '^renderer/'] },
}));

module.exports = {
  forbidden: [
    {
      name: 'contract-pure',
      comment: 'The contract is shared by every side, the sandboxed preload and the browser included: it imports only zod and itself.',
      severity: 'error',
      from: { path: '^main/contract/' },
      to: { pathNot: ['^main/contract/', '^node_modules/zod/'] },
    },
    {
      name: 'no-electron-below-the-shell',
      comment: 'Only main/electron and the preload load Electron; everything else runs under plain Node (CLI, worker threads, tests).',
      severity: 'error',
      from: { path: '^main/', pathNot: '^main/electron/' },
      to: { path: electron },
    },
    ...upwards,
    ...entriesApart,
    {
      name: 'renderer-only-the-contract',
      comment: 'The renderer reaches the main side only through window.grantlens; of main/ it may import the contract alone.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^main/', '^tests/', electron], pathNot: '^main/contract/' },
    },
    {
      name: 'renderer-preload-types-only',
      comment: 'The renderer may know the type of window.grantlens the preload declares, never load the preload.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^preload/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer runs in a sandboxed browser page without Node.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-electron-and-contract',
      comment: 'The sandboxed preload exposes the contract over IPC and needs nothing else.',
      severity: 'error',
      from: { path: '^preload/' },
      to: { pathNot: ['^preload/', '^main/contract/', electron] },
    },
    {
      name: 'no-circular',
      comment: 'Within a layer too, modules form a tree: a cycle has no order to load or read them in.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing would let a wrong path slip past every other rule.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: `import type` from a higher layer ties the layers together as much as a value does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
