/**
 * The architecture as rules: dependencies point renderer → shared ← electron, the core knows nothing
 * of Electron, and there are no cycles. `npm run lint` fails on any of these.
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'shared-is-pure',
      comment: 'shared/ imports no Electron, React, Node built-ins, nor the other sides',
      severity: 'error',
      from: { path: '^shared/', pathNot: '^shared/placement/cli\\.ts$|\\.test\\.ts$' },
      to: { path: '^(electron|renderer)/|^node:|(^|/)node_modules/(electron|react|react-dom|ssh2|ws|sql\\.js)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-no-builtins',
      severity: 'error',
      from: { path: '^shared/', pathNot: '^shared/placement/cli\\.ts$|\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-electron',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/|(^|/)node_modules/(electron|ssh2|sql\\.js|ws)/' },
    },
    {
      name: 'renderer-no-builtins',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'electron-not-renderer',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'core-knows-no-electron',
      comment: 'the core runs under plain Node (tests, web shell); only the shell imports electron',
      severity: 'error',
      from: { path: '^electron/(core|web)/' },
      to: { path: '(^|/)node_modules/electron/|^electron/(main|preload|ipc)' },
    },
    {
      name: 'ssh-knows-no-hypervisor',
      comment: 'the rooms of the core are layered: ssh/ (transport) ← hypervisor/ (drivers) ← hosts/ (links)',
      severity: 'error',
      from: { path: '^electron/core/ssh/', pathNot: '\\.test\\.ts$' },
      to: { path: '^electron/core/(hypervisor|hosts)/' },
    },
    {
      name: 'hypervisor-below-hosts',
      severity: 'error',
      from: { path: '^electron/core/hypervisor/', pathNot: '\\.test\\.ts$' },
      to: { path: '^electron/core/hosts/' },
    },
    {
      name: 'testing-is-for-tests',
      comment: 'test helpers live in the testing/ rooms and only tests, benches and other helpers use them',
      severity: 'error',
      from: { path: '^(shared|electron|renderer)/', pathNot: '\\.test\\.tsx?$|/testing/' },
      to: { path: '^(shared|electron|renderer)/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.electron.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
