/** `Directory.EntityRegistered` is published by `regulator.directory` (DESIGN §4, outbox). */
export function sourceOf(detailType: string): string {
  const context = detailType.split('.')[0] ?? 'platform';
  return `regulator.${context.toLowerCase()}`;
}
