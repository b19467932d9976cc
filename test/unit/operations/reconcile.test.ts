import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../shared/cases/repository';
import { storedMessageIdentity } from '../../../shared/intake/receive-message';
import { findUnaccountedMail, type ReconcilePorts } from '../../../shared/operations/reconcile';

const BUCKET = 'inbound-bucket';
const mail = (messageId: string) => Buffer.from(`From: a@example.com\r\nTo: kv1@hcm.thads.example\r\nMessage-ID: ${messageId}\r\nSubject: x\r\n\r\nbody\r\n`);

function ports(objects: Array<{ key: string; storedAt: string; raw: Buffer }>, records: Record<string, MessageRecord['status']>): ReconcilePorts {
  return {
    async *listRaw() {
      for (const o of objects) yield { bucket: BUCKET, key: o.key, storedAt: new Date(o.storedAt) };
    },
    readRaw: async ({ key }) => objects.find((o) => o.key === key)!.raw,
    getMessage: async (messageId) => (records[messageId] ? ({ messageId, direction: 'in', status: records[messageId], at: '' } as MessageRecord) : undefined),
  };
}

describe('findUnaccountedMail', () => {
  const since = new Date('2026-03-01T00:00:00Z');
  const settled = new Date('2026-03-02T00:00:00Z');

  it('names mail with no record and mail stuck claimed, not mail that is done', async () => {
    const found = await findUnaccountedMail(
      since,
      ports(
        [
          { key: 'inbound/done', storedAt: '2026-03-01T01:00:00Z', raw: mail('<done@example.com>') },
          { key: 'inbound/lost', storedAt: '2026-03-01T02:00:00Z', raw: mail('<lost@example.com>') },
          { key: 'inbound/stuck', storedAt: '2026-03-01T03:00:00Z', raw: mail('<stuck@example.com>') },
        ],
        { '<done@example.com>': 'done', '<stuck@example.com>': 'claimed' },
      ),
      settled,
    );
    expect(found.map((m) => [m.key, m.state, m.messageId])).toEqual([
      ['inbound/lost', 'no-record', '<lost@example.com>'],
      ['inbound/stuck', 'stuck-claimed', '<stuck@example.com>'],
    ]);
  });

  it('looks a mail without a Message-ID up where intake records it: by where it is stored', async () => {
    const key = 'inbound/no-id';
    const raw = Buffer.from('From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n');
    const objects = [{ key, storedAt: '2026-03-01T01:00:00Z', raw }];
    expect(await findUnaccountedMail(since, ports(objects, { [storedMessageIdentity({ bucket: BUCKET, key })]: 'done' }), settled)).toEqual([]);
    expect(await findUnaccountedMail(since, ports(objects, {}), settled)).toMatchObject([{ key, messageId: storedMessageIdentity({ bucket: BUCKET, key }) }]);
  });

  it('leaves out mail stored before --since, mail still settling, and the SES setup object', async () => {
    const found = await findUnaccountedMail(
      since,
      ports(
        [
          { key: 'inbound/old', storedAt: '2026-02-28T23:00:00Z', raw: mail('<old@example.com>') },
          { key: 'inbound/fresh', storedAt: '2026-03-02T00:00:00Z', raw: mail('<fresh@example.com>') },
          { key: 'inbound/AMAZON_SES_SETUP_NOTIFICATION', storedAt: '2026-03-01T01:00:00Z', raw: Buffer.from('setup') },
        ],
        {},
      ),
      settled,
    );
    expect(found).toEqual([]);
  });
});
