import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type RebuildReport, rebuildHeads } from '../../scripts/rebuild-heads.ts';
import type { RunningPlatform } from './runtime-process.ts';

/** `npm run rebuild-heads -- --check` against a running platform's DynamoDB Local (its address is in the banner). */
export async function refoldCheck(platform: RunningPlatform): Promise<RebuildReport> {
  const endpoint = /DynamoDB Local: (http:\/\/\S+)/.exec(platform.output())?.[1];
  if (endpoint === undefined) throw new Error('the banner did not name DynamoDB Local');
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    return await rebuildHeads({ client, table: 'regulator-records', rewrite: false });
  } finally {
    client.destroy();
  }
}
