import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { samplePdf } from '../../../local/sample-pdf';
import { eventually, type TestStack } from './test-stack';
import type { CaseRecord } from '../../../shared/cases/model';
import type { OutboxEmail } from '../../../local/services/ses-outbox';
import { nextDispatchAt } from '../../../shared/procuracy/dispatch';
import { officeDirectory } from '../../../shared/offices/default-directory';

/** Drives cases through the local stack as people would: e-mails in, officers' actions, time passing. */
export function lifecycleDriver(t: () => TestStack) {
  const stackNow = async () => new Date(((await (await fetch(`${t().stack.urls.api}/_local/clock`)).json()) as { now: string }).now);

  return {
    stackNow,

    /** Sends a request by e-mail and waits until its case waits for `step` (the review, by default). */
    async openCase(mail: { to: string; from: { name: string; address: string }; subject: string; text: string; attachments?: Array<{ filename: string; content: Buffer; contentType: string }> }, step = 'review'): Promise<CaseRecord> {
      const messageId = `<lifecycle-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com>`;
      await t().sendMail({ ...mail, messageId });
      const caseId = await eventually('the case', async () => (await t().cases.getMessage(messageId))?.caseId);
      // A new case's path to its first step includes the reading of its attachments (a stack's first loads pdf.js): a generous bound.
      return this.waitingFor(caseId, step, 120_000);
    },

    /** The case, once it waits for `step`. */
    async waitingFor(caseId: string, step: string, timeoutMs = 60_000): Promise<CaseRecord> {
      return eventually(`${caseId} to wait for ${step}`, async () => {
        const record = await t().cases.getCase(caseId);
        return record?.pendingStep?.step === step ? record : undefined;
      }, timeoutMs);
    },

    /** What an officer's action does: completes the waiting step with what the officer recorded. */
    async act(caseId: string, step: string, output: Record<string, unknown>): Promise<void> {
      // A wait can be renewed under us (a warning, a reminder): then the token is stale, and we read it again, as the API does.
      for (let attempt = 1; ; attempt++) {
        const record = await this.waitingFor(caseId, step);
        try {
          await t().sfn.send(new SendTaskSuccessCommand({ taskToken: record.pendingStep!.taskToken, output: JSON.stringify({ ...output, actor: { kind: 'officer', id: 'tran.thi.lan', name: 'Trần Thị Lan' } }) }));
          return;
        } catch (error) {
          const stale = ['TaskTimedOut', 'TaskDoesNotExist'].includes((error as Error).name);
          if (!stale || attempt >= 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },

    /**
     * Moves the local clock to just after an instant (never back): a minute after, or as many seconds as asked.
     * It first waits for the stack to be idle: on AWS time does not jump while a function is at work,
     * and a test that moved it then would be racing the work it started.
     */
    async passTime(to: string | Date, extraSeconds = 60): Promise<void> {
      await t().idle();
      const target = new Date(new Date(to).getTime() + extraSeconds * 1000);
      if (target.getTime() <= (await stackNow()).getTime()) return;
      const response = await fetch(`${t().stack.urls.api}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceTo: target.toISOString() }) });
      if (!response.ok) throw new Error(`moving the clock failed: ${response.status} ${await response.text()}`);
    },

    /** A signed decision as the head would upload it: kept in the documents bucket, referenced by the action. */
    async decisionDocument(caseId: string) {
      const key = `cases/${caseId}/documents/quyet-dinh.pdf`;
      await t().s3.send(new PutObjectCommand({ Bucket: t().names.documentsBucket, Key: key, Body: samplePdf('Quyet dinh thi hanh an'), ContentType: 'application/pdf' }));
      return { name: 'Quyết định thi hành án.pdf', contentType: 'application/pdf', bucket: t().names.documentsBucket, key };
    },

    async eventTypes(caseId: string): Promise<string[]> {
      return (await t().cases.listEvents(caseId)).map((e) => e.type);
    },

    /** Waits until the timeline has an event of that type (the n-th, counting from 1), and returns it. */
    async event(caseId: string, type: string, nth = 1) {
      return eventually(`event ${type} #${nth} on ${caseId}`, async () => (await t().cases.listEvents(caseId)).filter((e) => e.type === type)[nth - 1]);
    },

    /** The timeline's record of a notice sent (written just after the mail service took it). */
    async noticeSent(caseId: string, notice: string) {
      return eventually(`notice ${notice} on the timeline of ${caseId}`, async () => (await t().cases.listEvents(caseId)).find((e) => e.type === 'notice-sent' && e.data.notice === notice));
    },

    /** Mail of a case in the outbox, to an address, whose subject contains a phrase. */
    /**
     * The daily dispatch to the procuracy (POST /_local/procuracy-dispatch, what the 16:30 schedule does on AWS): by
     * default the clock first moves to the next 16:30 of a working day of the office, as the schedule would wait.
     */
    async dispatchToProcuracy(options: { office?: string; moveClock?: boolean } = {}): Promise<{ status: number; body: any }> {
      await t().idle();
      if (options.moveClock !== false) await this.passTime(nextDispatchAt(officeDirectory, options.office ?? 'HCMKV1', await stackNow()), 0);
      const response = await fetch(`${t().stack.urls.api}/_local/procuracy-dispatch`, { method: 'POST' });
      return { status: response.status, body: await response.json() };
    },

    async mail(caseId: string, to: string, subjectPhrase: string): Promise<OutboxEmail> {
      return eventually(`mail "${subjectPhrase}" to ${to} for ${caseId}`, async () =>
        (await t().outbox()).find((m) => m.subject.includes(`[${caseId}]`) && m.subject.includes(subjectPhrase) && m.destination.to.join(',').includes(to)),
      );
    },

    async mailsOf(caseId: string): Promise<OutboxEmail[]> {
      return (await t().outbox()).filter((m) => m.subject.includes(`[${caseId}]`));
    },

    async closed(caseId: string): Promise<CaseRecord> {
      return eventually(`${caseId} to close`, async () => {
        const record = await t().cases.getCase(caseId);
        return record?.status === 'closed' ? record : undefined;
      });
    },
  };
}
