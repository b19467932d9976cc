import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { OfficeDirectory } from '../shared/offices/directory';
import { Api } from './constructs/api';
import { StaffDirectory } from './constructs/staff-directory';
import { AccessLogsBucket } from './constructs/buckets';
import { CaseStore } from './constructs/case-store';
import { Intake } from './constructs/intake';
import { INBOUND_PREFIX, Mailbox } from './constructs/mailbox';
import { Notifications } from './constructs/notifications';
import { ProcuracyDispatch } from './constructs/procuracy-dispatch';
import { Observability } from './constructs/observability';
import { Workflow } from './constructs/workflow';
import { DigestArchive } from './constructs/digest-archive';
import { Reconciliation } from './constructs/reconciliation';
import { builtConsoleDir, StaffConsole } from './constructs/staff-console';
import { builtDeskSiteDir, DeskSite } from './constructs/desk-site';
import { loadSecurityConfig, type SecurityConfig } from './security-config';
import { denyTimelineDeletion } from './table-access';

export interface MotcuaStackProps extends StackProps {
  /** The agency and its offices (config/offices.json): mail domain, sender, office addresses. */
  readonly directory: OfficeDirectory;
  /** Where operations alarms are e-mailed; no subscription when absent. */
  readonly alarmEmail?: string;
  /** Object Lock retention and staff sign-in URLs; default: config/security.json. */
  readonly security?: SecurityConfig;
  /** The staff console's built files; default web/dist (`npm run build:web`), refused when it was not built. */
  readonly consoleSite?: string;
  /** The public desk site's built files; default site/dist (`npm run build:site`), refused when it was not built. */
  readonly deskSite?: string;
}

/** The whole desk in one stack; each concern is its own construct, this only wires them. */
export class MotcuaStack extends Stack {
  readonly accessLogsBucket: AccessLogsBucket;
  readonly caseStore: CaseStore;
  readonly mailbox: Mailbox;
  readonly notifications: Notifications;
  readonly procuracyDispatch: ProcuracyDispatch;
  readonly workflow: Workflow;
  readonly intake: Intake;
  readonly staffDirectory: StaffDirectory;
  readonly api: Api;
  readonly observability: Observability;
  readonly digestArchive: DigestArchive;
  readonly reconciliation: Reconciliation;
  readonly staffConsole: StaffConsole;
  readonly deskSite: DeskSite;

  constructor(scope: Construct, id: string, props: MotcuaStackProps) {
    super(scope, id, props);

    const security = props.security ?? loadSecurityConfig();
    this.accessLogsBucket = new AccessLogsBucket(this, 'AccessLogs');
    this.caseStore = new CaseStore(this, 'CaseStore', { accessLogsBucket: this.accessLogsBucket, objectLock: security.objectLock.documents });
    const { table, documentsBucket } = this.caseStore;
    this.digestArchive = new DigestArchive(this, 'DigestArchive', { table, accessLogsBucket: this.accessLogsBucket, objectLock: security.objectLock.digests });

    this.mailbox = new Mailbox(this, 'Mailbox', { directory: props.directory, accessLogsBucket: this.accessLogsBucket, objectLock: security.objectLock.rawMail });
    this.notifications = new Notifications(this, 'Notifications', { directory: props.directory, table, documentsBucket });
    // The decisions due to the procuracy, one dispatch per office each working day (shared/procuracy).
    this.procuracyDispatch = new ProcuracyDispatch(this, 'ProcuracyDispatch', { table, documentsBucket, identity: this.notifications.identity, senderAddress: props.directory.agency.senderAddress });
    this.workflow = new Workflow(this, 'Workflow', { table, documentsBucket, notifyFunction: this.notifications.notifyFunction });
    const { stateMachine, humanStepMachine } = this.workflow;

    this.intake = new Intake(this, 'Intake', {
      inboundBucket: this.mailbox.inboundBucket,
      inboundPrefix: INBOUND_PREFIX,
      table,
      documentsBucket,
      stateMachine,
    });
    // Intake tells the desk of a third party's message and of a request past the reschedule limit.
    this.notifications.allowToAskForNotices(this.intake.intakeFunction);
    // A requester's reply resumes the steps the main machine waits on (missing items, another date).
    stateMachine.grantTaskResponse(this.intake.intakeFunction);
    this.staffDirectory = new StaffDirectory(this, 'StaffDirectory', { signIn: security.staffSignIn });
    this.api = new Api(this, 'Api', { table, documentsBucket, digestBucket: this.digestArchive.bucket, stateMachine, auth: { issuer: this.staffDirectory.issuer, audience: this.staffDirectory.client.userPoolClientId } });
    // The staff console: the SPA and the API on one CloudFront origin, signing in on Cognito's managed login.
    this.staffConsole = new StaffConsole(this, 'StaffConsole', {
      httpApi: this.api.httpApi,
      userPool: this.staffDirectory.userPool,
      documentsBucket,
      accessLogsBucket: this.accessLogsBucket,
      siteDir: props.consoleSite ?? builtConsoleDir(),
    });
    this.api.allowAudience(this.staffConsole.client.userPoolClientId);
    // The public desk site: static pages of offices and procedures, on a distribution of its own.
    this.deskSite = new DeskSite(this, 'DeskSite', { accessLogsBucket: this.accessLogsBucket, siteDir: props.deskSite ?? builtDeskSiteDir() });
    // POST /cases/{id}/confirm-sender: the held acknowledgement goes out through notify.
    this.notifications.allowToAskForNotices(this.api.apiFunction);
    // Officers' actions resume the human steps, which wait in child executions.
    humanStepMachine.grantTaskResponse(this.api.apiFunction);

    // Whatever each function was granted, none deletes a case or an event, nor batch-writes.
    for (const fn of [this.intake.intakeFunction, this.workflow.workflowFunction, this.notifications.notifyFunction, this.api.apiFunction, this.digestArchive.digestFunction, this.procuracyDispatch.dispatchFunction]) {
      denyTimelineDeletion(table, fn);
    }

    this.observability = new Observability(this, 'Observability', {
      functions: {
        Intake: this.intake.intakeFunction,
        Workflow: this.workflow.workflowFunction,
        Notify: this.notifications.notifyFunction,
        Api: this.api.apiFunction,
        Digest: this.digestArchive.digestFunction,
        ProcuracyDispatch: this.procuracyDispatch.dispatchFunction,
      },
      intakeDeadLetterQueue: this.intake.deadLetterQueue,
      stateMachine,
      alarmEmail: props.alarmEmail,
    });
    // Stored raw mail nobody took in: looked for every hour, alarmed on the operations topic.
    this.reconciliation = new Reconciliation(this, 'Reconciliation', { inboundBucket: this.mailbox.inboundBucket, inboundPrefix: INBOUND_PREFIX, table, alarmTopic: this.observability.topic });
    denyTimelineDeletion(table, this.reconciliation.reconcileFunction);
  }
}
