import { describe, expect, it } from 'vitest';
import { receiveMessage, type IntakePorts, type StoredMessage } from '../../../shared/intake/receive-message';
import type { MessageRecord } from '../../../shared/cases/repository';
import type { CaseStore } from '../../../shared/cases/store';
import { normalizeMessageId } from '../../../shared/cases/keys';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { deeplyNestedMail, storedMail, storedMessage } from '../mail/fixtures';

/**
 * The paths of intake that open and change no case: what it records, logs and starts. The case
 * store is a stub that knows some messages and no case; a path that tried to open or change a case
 * would call a method the stub refuses. (Opening and threading are covered against DynamoDB Local.)
 */
function desk(raw: Buffer | Error, known: MessageRecord[] = []) {
  const recorded: MessageRecord[] = [];
  const lookedUp: { messages: string[]; cases: string[] } = { messages: [], cases: [] };
  const started: string[] = [];
  const logged: Array<{ level: 'info' | 'warn' | 'error'; message: string; data: Record<string, unknown> }> = [];
  const refused = (name: string) => async () => {
    throw new Error(`${name} was called on a path that changes no case`);
  };
  const cases: CaseStore = {
    getMessage: async (id: string) => {
      lookedUp.messages.push(id);
      return known.find((m) => m.messageId === normalizeMessageId(id));
    },
    getCase: async (caseId: string) => {
      lookedUp.cases.push(caseId);
      return undefined;
    },
    recordMessage: async (record: MessageRecord) => void recorded.push(record),
    reserveCaseId: refused('reserveCaseId'),
    openCase: refused('openCase'),
    changeCase: refused('changeCase'),
    requireCase: refused('requireCase'),
    listEvents: refused('listEvents'),
    caseIdsOfRequester: refused('caseIdsOfRequester'),
    completeMessage: refused('completeMessage'),
    claimOutbound: refused('claimOutbound'),
    markOutboundSent: refused('markOutboundSent'),
    releaseOutbound: refused('releaseOutbound'),
  };
  const ports: IntakePorts = {
    cases,
    directory: officeDirectory,
    clock: { now: () => new Date('2026-11-23T09:30:05Z') },
    readRaw: async () => {
      if (raw instanceof Error) throw raw;
      return raw;
    },
    storeAttachment: refused('storeAttachment'),
    startWorkflow: async (caseId) => void started.push(caseId),
    resumeStep: refused('resumeStep'),
    tellDesk: refused('tellDesk'),
    log: {
      info: (message, data) => void logged.push({ level: 'info', message, data }),
      warn: (message, data) => void logged.push({ level: 'warn', message, data }),
      error: (message, data) => void logged.push({ level: 'error', message, data }),
    },
  };
  return { ports, recorded, lookedUp, started, logged };
}

const stored: StoredMessage = { bucket: 'motcua-inbound', key: 'inbound/0l3q9kdpt5hs2mvb1c8e6o4rga7fu0n3sgmjq5o1', storedAt: new Date('2026-11-23T09:30:01Z') };
const RECORDED_AT = '2026-11-23T16:30:05+07:00';

describe('intake of a message that opens no case', () => {
  it('keeps an empty stored object as unroutable, identified by where it lies, and says why', async () => {
    // Prepare
    const { ports, recorded, logged, started } = desk(Buffer.alloc(0));

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    expect(outcome).toEqual({ outcome: 'unroutable', reason: 'the stored message is empty' });
    expect(recorded).toEqual([
      {
        messageId: '<s3.motcua-inbound.inbound_0l3q9kdpt5hs2mvb1c8e6o4rga7fu0n3sgmjq5o1@motcua.invalid>',
        direction: 'in',
        status: 'done',
        disposition: 'unroutable',
        rawObject: { bucket: 'motcua-inbound', key: stored.key },
        reason: 'the stored message is empty',
        at: RECORDED_AT,
      },
    ]);
    expect(logged.map((l) => l.level)).toEqual(['error']);
    expect(started).toEqual([]);
  });

  it('keeps a message its parser refuses (parts nested past the limit) as unroutable, with the parser’s reason, raw object named', async () => {
    // Prepare
    const { ports, recorded, logged, started } = desk(deeplyNestedMail(60));

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    expect(outcome).toMatchObject({ outcome: 'unroutable', reason: expect.stringMatching(/^the message could not be parsed as MIME: .*nesting depth/i) });
    expect(recorded).toEqual([expect.objectContaining({ disposition: 'unroutable', status: 'done', rawObject: { bucket: 'motcua-inbound', key: stored.key }, reason: (outcome as { reason: string }).reason })]);
    expect(logged.map((l) => [l.level, l.message])).toEqual([['error', 'malformed message kept but not opened as a case']]);
    expect(started).toEqual([]);
  });

  it('keeps a newsletter without answering it, recording the mark that gave the robot away', async () => {
    // Prepare
    const { ports, recorded, logged, started } = desk(storedMessage('list-newsletter.eml'));

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    expect(outcome).toEqual({ outcome: 'unmatched-automated' });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      messageId: '<0108019a2b3c4d5e-6f7a8b9c-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000@ap-southeast-1.amazonses.com>',
      status: 'done',
      disposition: 'unmatched-automated',
      reason: 'Precedence: bulk',
    });
    expect(logged.map((l) => [l.level, l.data.kind])).toEqual([['warn', 'list']]);
    expect(started).toEqual([]);
  });

  it('keeps an out-of-office answer about an unknown case without answering it, after looking for its thread', async () => {
    // Prepare
    const { ports, recorded, lookedUp } = desk(storedMessage('out-of-office-outlook.eml'));

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    expect(outcome).toEqual({ outcome: 'unmatched-automated' });
    expect(lookedUp.messages).toContain('<HCMKV2-2026-000002.acknowledgement@hcm.thads.example>');
    expect(lookedUp.cases).toEqual(['HCMKV2-2026-000002']);
    expect(recorded[0]).toMatchObject({ disposition: 'unmatched-automated', reason: 'Auto-Submitted: auto-replied' });
  });

  it('keeps a bounce of an acknowledgement it does not know, without answering it', async () => {
    // Prepare
    const { ports, recorded } = desk(storedMessage('bounce-dsn.eml'));

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    expect(outcome).toEqual({ outcome: 'unmatched-automated' });
    expect(recorded[0]).toMatchObject({ messageId: '<20261124011208.4Ht2Kx0bQmz9Rw1@mx1.vnpt.example>', reason: 'Content-Type: multipart/report; report-type=delivery-status' });
  });

  it('keeps a request sent to no office of the agency as unroutable, naming its recipients', async () => {
    // Prepare
    const raw = storedMail(
      ['Return-Path: <an@example.net>', 'From: an@example.net', 'To: thads@old-domain.example', 'Subject: Don yeu cau', 'Message-ID: <lost-1@example.net>'],
      undefined,
      { withoutSes: true },
    );
    const { ports, recorded, started } = desk(raw);

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    const reason = 'none of the recipients (thads@old-domain.example) is an office mailbox of this agency';
    expect(outcome).toEqual({ outcome: 'unroutable', reason });
    expect(recorded).toEqual([
      { messageId: '<lost-1@example.net>', direction: 'in', status: 'done', disposition: 'unroutable', rawObject: { bucket: 'motcua-inbound', key: stored.key }, reason, at: RECORDED_AT },
    ]);
    expect(started).toEqual([]);
  });

  it('keeps a request with no sender address as unroutable, since no one could be answered', async () => {
    // Prepare
    const raw = storedMail(['To: kv1@hcm.thads.example', 'Subject: Don yeu cau', 'Message-ID: <anonymous-1@example.net>']);
    const { ports, recorded } = desk(raw);

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    const reason = 'the message has no sender address (From), so no one can be answered';
    expect(outcome).toEqual({ outcome: 'unroutable', reason });
    expect(recorded[0]).toMatchObject({ messageId: '<anonymous-1@example.net>', disposition: 'unroutable', reason });
  });
});

describe('intake of a message delivered again', () => {
  it('changes nothing for a request that already opened a case, but makes sure its workflow runs', async () => {
    // Prepare
    const { ports, recorded, started } = desk(storedMessage('request-gmail-pdf.eml'), [
      {
        messageId: '<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>',
        direction: 'in',
        status: 'done',
        disposition: 'opened-case',
        caseId: 'HCMKV1-2026-000001',
        at: RECORDED_AT,
      },
    ]);

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    expect(outcome).toEqual({ outcome: 'duplicate', caseId: 'HCMKV1-2026-000001' });
    expect(started).toEqual(['HCMKV1-2026-000001']);
    expect(recorded).toEqual([]);
  });

  it('changes nothing and starts nothing for a message already kept as unroutable', async () => {
    // Prepare
    const { ports, recorded, started } = desk(storedMessage('list-newsletter.eml'), [
      {
        messageId: '<0108019a2b3c4d5e-6f7a8b9c-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000@ap-southeast-1.amazonses.com>',
        direction: 'in',
        status: 'done',
        disposition: 'unmatched-automated',
        at: RECORDED_AT,
      },
    ]);

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    expect(outcome).toEqual({ outcome: 'duplicate', caseId: undefined });
    expect(started).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('recognises a message without Message-ID by where SES stored it', async () => {
    // Prepare
    const { ports, started } = desk(storedMessage('no-message-id.eml'), [
      {
        messageId: '<s3.motcua-inbound.inbound_0l3q9kdpt5hs2mvb1c8e6o4rga7fu0n3sgmjq5o1@motcua.invalid>',
        direction: 'in',
        status: 'done',
        disposition: 'opened-case',
        caseId: 'HCMKV1-2026-000042',
        at: RECORDED_AT,
      },
    ]);

    // Act
    const outcome = await receiveMessage(stored, ports);

    // Assess
    expect(outcome).toEqual({ outcome: 'duplicate', caseId: 'HCMKV1-2026-000042' });
    expect(started).toEqual(['HCMKV1-2026-000042']);
  });
});

describe('intake when the stored message cannot be read', () => {
  it('fails, so that the queue delivers the notification again, and records nothing', async () => {
    // Prepare
    const { ports, recorded } = desk(Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }));

    // Act, Assess
    await expect(receiveMessage(stored, ports)).rejects.toThrow('The specified key does not exist.');
    expect(recorded).toEqual([]);
  });
});
