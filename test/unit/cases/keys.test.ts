import { describe, expect, it } from 'vitest';
import { auditKeys, caseKey, eventKey, messageKey, normalizeMessageId, serialCounterKey, workQueueKeys } from '../../../shared/cases/keys';

describe('normalizeMessageId', () => {
  it.each([
    ['an id in angle brackets stays as it is', '<CAHk3x9t@mail.gmail.com>', '<CAHk3x9t@mail.gmail.com>'],
    ['a bare id gets its angle brackets', 'CAHk3x9t@mail.gmail.com', '<CAHk3x9t@mail.gmail.com>'],
    ['surrounding white space is dropped', '  <CAHk3x9t@mail.gmail.com>\r\n', '<CAHk3x9t@mail.gmail.com>'],
    ['a half-bracketed id is completed', '<CAHk3x9t@mail.gmail.com', '<CAHk3x9t@mail.gmail.com>'],
    ['the case of the id is kept (ids are case-sensitive)', '<AbC.acknowledgement@HCM.thads.example>', '<AbC.acknowledgement@HCM.thads.example>'],
  ])('%s', (_story, given, expected) => {
    // Prepare, Act
    const normalized = normalizeMessageId(given);

    // Assess
    expect(normalized).toBe(expected);
  });

  it('is idempotent', () => {
    // Prepare
    const once = normalizeMessageId('HCMKV1-2026-000001.acknowledgement@hcm.thads.example');

    // Act
    const twice = normalizeMessageId(once);

    // Assess
    expect(twice).toBe(once);
  });
});

describe('table keys', () => {
  it('a message is found under the same key with or without its angle brackets', () => {
    // Prepare, Act
    const bracketed = messageKey('<CAHk3x9t@mail.gmail.com>');
    const bare = messageKey(' CAHk3x9t@mail.gmail.com ');

    // Assess
    expect(bare).toEqual(bracketed);
    expect(bracketed.PK).toMatch(/^MSG#[0-9a-f]{64}$/);
    expect(bracketed.SK).toBe('MSG');
  });

  it('two different messages have different keys', () => {
    // Prepare, Act
    const request = messageKey('<CAHk3x9t@mail.gmail.com>');
    const reply = messageKey('<CAHk3x9v@mail.gmail.com>');

    // Assess
    expect(reply.PK).not.toBe(request.PK);
  });

  it('events of a case sort by their sequence number as text', () => {
    // Prepare, Act
    const keys = [2, 10, 1, 999_999].map((seq) => eventKey('HCMKV1-2026-000001', seq));

    // Assess
    expect(keys.map((k) => k.SK)).toEqual(['EVT#000002', 'EVT#000010', 'EVT#000001', 'EVT#999999']);
    expect(keys.map((k) => k.SK).sort()).toEqual(['EVT#000001', 'EVT#000002', 'EVT#000010', 'EVT#999999']);
    expect(new Set(keys.map((k) => k.PK))).toEqual(new Set([caseKey('HCMKV1-2026-000001').PK]));
  });

  it('a case, its counter, its place in the work queue and in the audit index', () => {
    // Prepare, Act
    const keys = {
      caseItem: caseKey('HCMKV1-2026-000001'),
      counter: serialCounterKey('HCMKV1', 2026),
      queue: workQueueKeys('HCMKV1', '2026-11-24T16:30:00+07:00', 'HCMKV1-2026-000001'),
      audit: auditKeys('HCMKV1', '2026-11', '2026-11-23T16:30:00+07:00', 'HCMKV1-2026-000001'),
    };

    // Assess
    expect(keys).toEqual({
      caseItem: { PK: 'CASE#HCMKV1-2026-000001', SK: 'CASE' },
      counter: { PK: 'COUNTER#HCMKV1#2026', SK: 'COUNTER' },
      queue: { GSI1PK: 'OFFICE#HCMKV1#OPEN', GSI1SK: '2026-11-24T16:30:00+07:00#HCMKV1-2026-000001' },
      audit: { GSI2PK: 'OFFICE#HCMKV1#2026-11', GSI2SK: '2026-11-23T16:30:00+07:00#HCMKV1-2026-000001' },
    });
  });
});
