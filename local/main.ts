import { startLocalStack } from './local-stack';
import { localConfigFromEnv, InvalidLocalConfig } from './local-config';
import { AlreadyRunning } from './services/single-instance';
import { PortUnavailable } from './services/ports';
import { officeDirectory } from '../shared/offices/default-directory';
import { ensureConsoleBuilt } from './console/build-console';
import { ensureDeskSiteBuilt } from './desk-site/desk-site';

/** `npm start`: the whole system on this machine, until Ctrl-C. */
async function main() {
  const config = localConfigFromEnv();
  const log = (line: string) => console.log(`[motcua] ${line}`);
  log(`starting (data in ${config.dataDir}) ...`);
  const startedAt = Date.now();
  try {
    await ensureConsoleBuilt(log);
  } catch (error) {
    // The API, the mailbox and the workflow run without it: say why the console is missing, and go on.
    log(`the staff console could not be built (${(error as Error).message}); run npm run build:web to see why`);
  }
  try {
    await ensureDeskSiteBuilt(log);
  } catch (error) {
    // An office or procedure the site cannot publish is named; the desk itself runs without the site.
    log(`the public desk site could not be built:\n${(error as Error).message}`);
  }
  const stack = await startLocalStack({ ...config, log });
  const office = officeDirectory.offices[1] ?? officeDirectory.offices[0]!;
  console.log(`
motcua is running locally (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)

  Staff console (sign in as a development identity)  ${stack.urls.console}
  Public desk site (offices, procedures, forms)      ${stack.urls.deskSite}

  Inbound mail (SMTP, stands in for SES receiving)  ${stack.urls.smtp}
  Sent mail (SES outbox; /store lists it as JSON)    ${stack.urls.sesOutbox}/store
  HTTP API                                           ${stack.urls.api}/health
  DynamoDB Local                                     ${stack.urls.dynamodb}   (table motcua)
  S3 (s3rver)                                        ${stack.urls.s3}
  Step Functions (local engine, same ASL)            ${stack.urls.sfn}
  Data (kept across restarts)                        ${config.dataDir}

Office mailboxes: ${officeDirectory.offices.map((o) => `${o.email} (${o.code})`).join(', ')}

Send a first request (a Vietnamese subject and a PDF attachment, from another terminal):
  npx tsx local/send-sample-request.ts --to ${office.email}
then read the acknowledgement at ${stack.urls.sesOutbox}/store, and work the case as the desk would:
  npx motcua queue --as officer:${office.code}
  npx motcua act <case id> review --outcome accept --as officer:${office.code}
Let time pass (deadlines, reminders, escalations): curl -XPOST ${stack.urls.api}/_local/clock -d '{"advanceMinutes": 600}'

Stop with Ctrl-C.
`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping every service ...`);
    await stack.stop();
    log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error) => {
  const known = error instanceof AlreadyRunning || error instanceof PortUnavailable || error instanceof InvalidLocalConfig;
  console.error(`[motcua] ${known ? error.message : (error.stack ?? error.message)}`);
  process.exit(1);
});
