import type { Command } from 'commander';
import { terminalText } from '../../shared/mail/display-text';
import type { DeadLetterQueue } from '../../shared/operations/dead-letters';
import type { ReconcilePorts } from '../../shared/operations/reconcile';
import { CliError, DEFAULT_API_URL, reporting } from './staff';

/**
 * Operations: `dlq list|redrive` and `reconcile --since`. On AWS (MOTCUA_DLQ_URL and
 * MOTCUA_INTAKE_QUEUE_URL; MOTCUA_INBOUND_BUCKET and MOTCUA_TABLE) they use the SDK with the
 * usual credentials; otherwise they reach the local stack (MOTCUA_API_URL, the local ports). The SDK
 * and the use cases are loaded when a command runs, not when the program starts.
 */
export function registerOperationsCommands(program: Command): void {
  const dlq = program.command('dlq').description("the intake queue's dead letters: mail intake failed to take in, every time it tried");
  dlq
    .command('list')
    .description('list the dead letters, with the raw mail each announces and why it died')
    .option('--json', 'print JSON')
    .action(reporting(async (options: { json?: boolean }) => {
      const letters = await (await deadLetterQueue()).list();
      if (options.json) return print(JSON.stringify(letters, null, 2));
      if (!letters.length) return print('no dead letters');
      for (const l of letters) print(`${l.id}  queued ${l.sentAt}  ${l.rawObjects.join(', ') || '(no raw mail named)'}\n  ${l.reason}`);
    }));
  dlq
    .command('redrive')
    .description('put dead letters back on the intake queue (all, or those named); run it once their cause is gone')
    .argument('[ids...]', 'dead-letter ids from `dlq list`')
    .action(reporting(async (ids: string[]) => {
      const moved = await (await deadLetterQueue()).redrive(ids.length ? ids : undefined);
      print(`${moved} dead letter(s) put back on the intake queue`);
    }));

  program
    .command('reconcile')
    .description('list every raw mail stored since a date with no record of what became of it')
    .requiredOption('--since <date>', 'a date (YYYY-MM-DD, Vietnam time) or an instant (ISO 8601)')
    .option('--json', 'print JSON')
    .action(reporting(async (options: { since: string; json?: boolean }) => {
      const { parseTimeBound } = await import('../../shared/staff/queue');
      const since = parseTimeBound(options.since, false);
      if (since === undefined) throw new CliError(`--since "${options.since}": give a date (2026-03-01) or an instant (2026-03-01T08:00:00+07:00)`);
      const { findUnaccountedMail } = await import('../../shared/operations/reconcile');
      const found = await findUnaccountedMail(new Date(since), await reconcilePorts());
      if (options.json) print(JSON.stringify(found, null, 2));
      else if (!found.length) print('every stored raw mail is accounted for');
      else for (const m of found) print(`${m.state}  ${m.storedAt}  s3://${m.bucket}/${m.key}  ${m.messageId}`);
      if (found.length) process.exitCode = 2; // something to look at: scripts and schedules can tell
    }));

  program
    .command('backfill-requester-counts')
    .description("count the cases of every requester indexed before these counts existed: once, after upgrading a table that has cases (a first request's receipt trusts them)")
    .action(reporting(async () => {
      const written = await (await caseRepository()).backfillRequesterCounts();
      print(`${written} requester count(s) written`);
    }));
}

/** The case table: on AWS with MOTCUA_TABLE (the stack output), else the local stack's. */
async function caseRepository() {
  const [{ DynamoDBClient }, { DynamoDBDocumentClient }, { CaseRepository }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('@aws-sdk/lib-dynamodb'), import('../../shared/cases/repository')]);
  const { MOTCUA_TABLE: table } = process.env;
  if (table) return new CaseRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), table);
  const { localReconcileClients } = await import('../../local/local-reconcile');
  const local = localReconcileClients();
  return new CaseRepository(DynamoDBDocumentClient.from(local.dynamodb), local.table);
}

async function deadLetterQueue(): Promise<DeadLetterQueue> {
  const { MOTCUA_DLQ_URL: dlqUrl, MOTCUA_INTAKE_QUEUE_URL: intakeUrl } = process.env;
  if (dlqUrl || intakeUrl) {
    if (!dlqUrl || !intakeUrl) throw new CliError('set both MOTCUA_DLQ_URL and MOTCUA_INTAKE_QUEUE_URL (the stack outputs) to reach the queues on AWS');
    const [{ SQSClient }, { SqsDeadLetterQueue }] = await Promise.all([import('@aws-sdk/client-sqs'), import('../../shared/operations/sqs-dead-letters')]);
    return new SqsDeadLetterQueue(new SQSClient({}), dlqUrl, intakeUrl);
  }
  const { LocalDeadLetterQueue } = await import('../../local/local-dead-letters');
  return new LocalDeadLetterQueue((process.env.MOTCUA_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, ''));
}

async function reconcilePorts(): Promise<ReconcilePorts> {
  const { MOTCUA_INBOUND_BUCKET: bucket, MOTCUA_TABLE: table } = process.env;
  const [{ S3Client }, { DynamoDBClient }, { DynamoDBDocumentClient }, { CaseRepository }, { storeReconcilePorts }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-dynamodb'),
    import('@aws-sdk/lib-dynamodb'),
    import('../../shared/cases/repository'),
    import('../../shared/operations/reconcile'),
  ]);
  const documents = (client: InstanceType<typeof DynamoDBClient>) => DynamoDBDocumentClient.from(client);
  if (bucket || table) {
    if (!bucket || !table) throw new CliError('set both MOTCUA_INBOUND_BUCKET and MOTCUA_TABLE (the stack outputs) to reconcile on AWS');
    // SES stores raw mail under inbound/ (infra/constructs/mailbox.ts INBOUND_PREFIX).
    return storeReconcilePorts(new S3Client({}), bucket, 'inbound/', new CaseRepository(documents(new DynamoDBClient({})), table));
  }
  const { localReconcileClients } = await import('../../local/local-reconcile');
  const local = localReconcileClients();
  return storeReconcilePorts(local.s3, local.bucket, local.prefix, new CaseRepository(documents(local.dynamodb), local.table));
}

function print(text: string): void {
  process.stdout.write(`${terminalText(text)}\n`);
}

