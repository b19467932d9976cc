import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

/** What a function does with the case table, action by action (no Table.grantReadWriteData: it allows every write, deletes included). */
export type TableUse = 'read' | 'batch-read' | 'scan' | 'put' | 'update' | 'delete' | 'condition-check';

const ACTIONS: Record<TableUse, string[]> = {
  // Reads of items and of the work-queue and audit indexes.
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  // The appointment book reads a session's reservations in batches; intake reads a message's record, its register's
  // serial and its sender's count of cases in one.
  'batch-read': ['dynamodb:BatchGetItem'],
  // The daily digest reads every case's chain head.
  scan: ['dynamodb:Scan'],
  // New items, and the whole-item writes of a case change (case, events, message records) in a transaction.
  put: ['dynamodb:PutItem'],
  // Counters and claims: the case-number counter, a message's reserved case id.
  update: ['dynamodb:UpdateItem'],
  // A notice's send claim released after a refused attempt, an appointment reservation released. Never a
  // case or an event: denyTimelineDeletion refuses DeleteItem on every CASE# partition, whatever is granted.
  delete: ['dynamodb:DeleteItem'],
  // A transaction that writes only while another item is as read: the notices' claim, while the case is at the
  // lastSeq they were composed from (shared/cases/repository.ts claimOutbounds).
  'condition-check': ['dynamodb:ConditionCheckItem'],
};

/** Grants a function exactly the table actions it uses, on the table and (for reads) its indexes. */
export function grantTableUse(table: dynamodb.ITable, grantee: iam.IGrantable, ...uses: TableUse[]): void {
  const actions = [...new Set(uses.flatMap((use) => ACTIONS[use]))];
  const resources = [table.tableArn, ...(uses.includes('read') ? [`${table.tableArn}/index/*`] : [])];
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
}

/**
 * No role deletes an event or a case. IAM cannot name sort-key prefixes (dynamodb:LeadingKeys is
 * the partition key), so the deny covers every item of a case's partition (`CASE#...`: the case
 * and its `EVT#` events): DeleteItem there is refused whatever else is granted, and so are
 * BatchWriteItem (which deletes too) and the PartiQL writes. Appointment reservations
 * (`SLOT#...`) stay deletable by the function that releases them.
 */
export function denyTimelineDeletion(table: dynamodb.ITable, grantee: iam.IGrantable): void {
  const principal = grantee.grantPrincipal;
  principal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'NoDeletionOfCasesOrEvents',
      effect: iam.Effect.DENY,
      actions: ['dynamodb:DeleteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } },
    }),
  );
  principal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'NoBatchOrPartiqlWrites',
      effect: iam.Effect.DENY,
      actions: ['dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLInsert', 'dynamodb:DeleteTable'],
      resources: [table.tableArn],
    }),
  );
}
