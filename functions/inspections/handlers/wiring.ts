import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { dynamodb, tableName } from '#shared/dynamodb';
import { evidenceStore } from '#shared/evidence/evidence-store';
import { DynamoDbInspectionReads } from '../adapters/dynamodb-inspection-reads.ts';
import type { InspectionDeps } from '../ports.ts';

/** The context's adapters, built on first use (so that the environment the function runs with is read). */
let built: InspectionDeps | undefined;
let inspectionReads: DynamoDbInspectionReads | undefined;
export const reads = () => {
  inspectionReads ??= new DynamoDbInspectionReads(dynamodb(), tableName());
  return inspectionReads;
};
export const wired = (): InspectionDeps => {
  built ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    evidence: evidenceStore(),
    clock: () => new Date(),
  };
  return built;
};
