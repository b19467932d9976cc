import { describe, expect, it } from 'vitest';
import { buildDigest, compareWithHead, digestKey, InvalidDigest, parseDigest } from '../../../shared/digest/chain-digest';
import { merkleRoot } from '../../../shared/digest/merkle';
import { chainEvents } from '../../../shared/cases/repository';
import { GENESIS_HASH } from '../../../shared/timeline/hash-chain';

const event = (type: string, at: string) => ({ type, at, actor: { kind: 'system' as const, component: 'test' }, data: {} });
const chain = (types: string[]) => chainEvents('HCMKV1-2026-000001', 0, GENESIS_HASH, types.map((t, i) => event(t, `2026-03-02T09:0${i}:00+07:00`)));

describe('the Merkle root', () => {
  it('depends on every leaf and on their order; an inner node is not a leaf', () => {
    const leaves = ['a', 'b', 'c'].map((l) => l.repeat(64));
    expect(merkleRoot(leaves)).not.toBe(merkleRoot([leaves[0]!, leaves[2]!, leaves[1]!]));
    expect(merkleRoot(leaves)).not.toBe(merkleRoot([leaves[0]!, leaves[1]!]));
    expect(merkleRoot([])).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the daily digest', () => {
  const now = new Date('2026-03-02T17:30:00Z');
  const heads = [
    { caseId: 'HCMKV2-2026-000001', lastSeq: 3, lastHash: 'b'.repeat(64) },
    { caseId: 'HCMKV1-2026-000001', lastSeq: 2, lastHash: 'a'.repeat(64) },
  ];

  it('orders heads by case id, dates itself in Vietnam time, and has a key of its own', () => {
    const digest = buildDigest(heads, now);
    expect(digest.heads.map((h) => h.caseId)).toEqual(['HCMKV1-2026-000001', 'HCMKV2-2026-000001']);
    expect(digest.day).toBe('2026-03-03');
    expect(digestKey(digest)).toBe('digests/2026-03-03/20260303003000.json');
    expect(parseDigest(JSON.stringify(digest))).toEqual(digest);
  });

  it('refuses a file whose heads were edited', () => {
    const digest = buildDigest(heads, now);
    digest.heads[1]!.lastSeq = 1;
    expect(() => parseDigest(JSON.stringify(digest))).toThrow(InvalidDigest);
  });

  it('a chain that grew since is fine; a rewritten, shortened or removed one is named', () => {
    const events = chain(['a', 'b', 'c']);
    const head = { caseId: 'HCMKV1-2026-000001', lastSeq: 2, lastHash: events[1]!.hash };
    expect(compareWithHead(head, events, '2026-03-02')).toBeUndefined();
    expect(compareWithHead(head, chain(['a', 'B', 'c']), '2026-03-02')).toMatchObject({ problem: 'rewritten', seq: 2 });
    expect(compareWithHead(head, events.slice(0, 1), '2026-03-02')).toMatchObject({ problem: 'truncated' });
    expect(compareWithHead(head, undefined, '2026-03-02')).toMatchObject({ problem: 'missing' });
  });
});
