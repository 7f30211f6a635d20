/** What a function bundle's module scope reads from the environment, so that it can be imported outside Lambda. */
export const BUNDLE_IMPORT_ENV = {
  TABLE_NAME: 't',
  IDEMPOTENCY_TABLE_NAME: 'i',
  EVENT_BUS_NAME: 'b',
  AWS_REGION: 'us-east-1',
  ROUTE_ACCESS: '{}',
};
