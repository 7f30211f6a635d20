/**
 * The records context's table layout (STYLE §11): how streams, their heads, write-once blobs and the activity feed
 * are keyed in the one table. Every context's layout builds its stream keys with `streamKeyPrefix`, and the topology
 * derives each function's IAM key prefixes from the layouts (infra/table-policy.ts).
 */

/** A stream's events and its head share a partition (DESIGN §4). */
export const streamKey = (stream: string) => `S#${stream}`;
export const HEAD_SK = 'HEAD';
export const eventSk = (seq: number) => `E#${String(seq).padStart(10, '0')}`;
/** The IAM prefix of every stream whose name starts with `streamPrefix` (`case/` → `S#case/`). */
export const streamKeyPrefix = (streamPrefix: string) => streamKey(streamPrefix);

/** Write-once documents (import chunks, draw proofs), numbered chunks under one partition. */
export const blobKey = (key: string) => `BLOB#${key}`;
export const blobKeyPrefix = (keyPrefix: string) => blobKey(keyPrefix);

/** The activity feed of one agency, newest first. */
export const activityPartition = (agency: string) => `ACTIVITY#${agency}`;

/** What a function may do in the table: the leading keys it reads, and those it writes (IAM dynamodb:LeadingKeys). */
export interface TableAccess {
  read: readonly string[];
  write: readonly string[];
}

/** The records function: the activity feed. (Each context's access is a function, so a bundle that uses a layout's
 * keys does not carry its access lists: the infra test reads what each bundle can reach from its strings.) */
export const recordsAccess = (): TableAccess => ({ read: [activityPartition('')], write: [activityPartition('')] });

/**
 * The shard of a key among `count` (FNV-1a, 32 bits): stable, spread evenly, the same in every process. A global list
 * whose writes could exceed one partition's share (1,000 WCU, 3,000 RCU) is spread over shards this way and read
 * shard by shard, side by side (README, national scale).
 */
export function shardOf(key: string, count: number): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % count).padStart(2, '0');
}

/** The access log (DESIGN §5): reads of an agency's records, and the reads an agency's own people made. */
const ACCESS = 'ACCESS#';
const ACCESS_BY = 'ACCESS-BY#';
export const accessLogPartition = (agency: string, byReader: boolean) => `${byReader ? ACCESS_BY : ACCESS}${agency}`;
/** What a function that logs reads writes (and reads, to list them). */
export const accessLogs = (): string[] => [ACCESS, ACCESS_BY];
