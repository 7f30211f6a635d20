/** Layering (DESIGN §3): infra → functions → events, domain code knows no AWS, and no cycles. */
module.exports = {
  forbidden: [
    {
      name: 'no-aws-sdk-in-domain',
      comment: 'domain/ folders are pure (STYLE §2): they take ports, never AWS clients.',
      severity: 'error',
      from: { path: '(^|/)domain/' },
      to: { path: '(^|/)node_modules/@aws-sdk/' },
    },
    {
      name: 'no-powertools-or-middy-in-domain',
      severity: 'error',
      from: { path: '(^|/)domain/' },
      to: { path: '(^|/)node_modules/(@aws-lambda-powertools|@middy)/' },
    },
    {
      name: 'functions-do-not-import-infra',
      comment:
        'Only types: a handler takes its route keys and consumer names from the topology (RouteKeyOf, ConsumerOf), which erase at build time.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^infra/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'events-import-nothing-of-functions-or-infra',
      severity: 'error',
      from: { path: '^events/' },
      to: { path: '^(functions|infra)/' },
    },
    {
      name: 'topology-reads-contracts-not-handlers',
      comment: 'Importing a handler runs its module (clients, middleware) before the runtime has set the environment.',
      severity: 'error',
      from: { path: '^infra/(topology|openapi)[.]ts$' },
      to: { path: '^functions/[^/]+/(handler[.]ts|handlers/)' },
    },
    {
      name: 'contexts-meet-through-published-modules',
      comment:
        'A context imports only itself, records, shared and events; of another context, only what it publishes: its table layout (the keys it lets others read) and its published.ts (issue 12: cross-context needs go through events or a port the owning context provides).',
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: {
        path: '^functions/[^/]+/',
        pathNot: [
          '^functions/$1/',
          '^functions/(records|shared)/',
          '^functions/[^/]+/adapters/table-layout[.]ts$',
          '^functions/[^/]+/published[.]ts$',
        ],
      },
    },
    {
      name: 'draw-stays-random',
      comment:
        'The double-random draw never reads the risk ranking or the alerts (issue 14, DESIGN §6): random sampling stays random, and ranking orders targeted work only.',
      severity: 'error',
      from: { path: '^functions/sampling/' },
      to: { path: '^(functions|events)/alerts/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'aws-lambda is a types-only package (@types/aws-lambda).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
