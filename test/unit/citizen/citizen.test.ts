import { describe, expect, it } from 'vitest';
import { citizenLink, hashAccessToken, isWellFormedToken, mintAccessToken } from '../../../shared/citizen/access-token';
import { linkStillValid } from '../../../shared/citizen/case-status';
import { checkAttempt, type AttemptCounter } from '../../../shared/citizen/rate-limit';
import { satisfactionResults } from '../../../shared/citizen/satisfaction';
import { parseCitizenConfig, citizenConfig } from '../../../shared/citizen/citizen-config';
import { withCitizenLink } from '../../../shared/notices/citizen-links';
import { parsePeriod } from '../../../shared/reports/period';
import { officeDirectory } from '../../../shared/offices/default-directory';

class MemoryCounter implements AttemptCounter {
  readonly counts = new Map<string, number>();
  async count(scope: string, window: string) {
    const key = `${scope}|${window}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return this.counts.get(key)!;
  }
}

describe("the citizen's token", () => {
  it('is 256 random bits in base64url, different each time, and stored as its SHA-256 only', () => {
    const a = mintAccessToken();
    const b = mintAccessToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashAccessToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token);
  });

  it('rides in the fragment of the link, which browsers never send to a server', () => {
    const { token } = mintAccessToken();
    const url = new URL(citizenLink('https://motcua.example/', 'status', token));
    expect(url.pathname).toBe('/trang-thai');
    expect(url.hash).toBe(`#${token}`);
    expect(url.search).toBe('');
  });

  it('is refused before any read when it cannot be a token: empty, short, long, with other characters, a case id', () => {
    for (const bad of [undefined, '', 'abc', `${mintAccessToken().token}a`, `${mintAccessToken().token.slice(1)}=`, 'HCMKV1-2026-000001', `${'a'.repeat(42)}.`]) expect(isWellFormedToken(bad)).toBe(false);
    expect(isWellFormedToken(mintAccessToken().token)).toBe(true);
  });
});

describe('the link of a closed case', () => {
  const closed = (at: string) => ({ status: 'closed' as const, closure: { reason: 'refused' as const, at } });
  it('opens the case until the configured number of days after closing, and nothing after', () => {
    const at = '2026-12-01T10:00:00+07:00';
    const limit = new Date(new Date(at).getTime() + 90 * 86_400_000);
    expect(linkStillValid(closed(at), 90, limit)).toBe(true);
    expect(linkStillValid(closed(at), 90, new Date(limit.getTime() + 1))).toBe(false);
    expect(linkStillValid({ status: 'awaiting-review', closure: undefined }, 90, new Date('2040-01-01'))).toBe(true);
  });
});

describe('attempts on the public routes', () => {
  it('are limited per source address, then globally, each minute, and counted even when refused', async () => {
    const counter = new MemoryCounter();
    const limits = { perSourcePerMinute: 3, globalPerMinute: 5 };
    const at = new Date('2026-12-02T03:00:10Z');
    const fromOne = [];
    for (let i = 0; i < 4; i++) fromOne.push((await checkAttempt(counter, limits, '198.51.100.7', at)).allowed);
    expect(fromOne).toEqual([true, true, true, false]);
    // Everyone together: 4 attempts already, so the fifth passes and the sixth does not.
    expect(await checkAttempt(counter, limits, '198.51.100.8', at)).toEqual({ allowed: true });
    expect(await checkAttempt(counter, limits, '198.51.100.9', at)).toEqual({ allowed: false, scope: 'global', retryAfterSeconds: 50 });
    // The next minute starts again.
    expect((await checkAttempt(counter, limits, '198.51.100.7', new Date('2026-12-02T03:01:00Z'))).allowed).toBe(true);
    // The address is kept as a hash, never as written.
    expect([...counter.counts.keys()].join()).not.toContain('198.51.100.7');
  });
});

describe('the link paragraph of a letter', () => {
  const letter = { subject: 'Xác nhận [HCMKV1-2026-000001]', text: ['Kính gửi Ông/Bà An,', '', 'Nội dung.', '', 'Trân trọng,', 'Bộ phận một cửa'].join('\n') };
  it('goes before the signature, in the words the letter uses for the requester', () => {
    const person = withCitizenLink(letter, { caseId: 'HCMKV1-2026-000001', requester: { address: 'an@example.com', name: 'Nguyễn Văn An' } }, 'status', 'https://x.example/trang-thai#t');
    const lines = person.text.split('\n');
    expect(lines.indexOf('https://x.example/trang-thai#t')).toBe(lines.indexOf('Trân trọng,') - 2);
    expect(person.text).toContain('Ông/Bà có thể theo dõi tình trạng hồ sơ');
    const bank = withCitizenLink(letter, { caseId: 'HCMKV1-2026-000001', requester: { address: 'a@acb.example', name: 'Ngân hàng TMCP Á Châu' } }, 'survey', 'https://x.example/danh-gia#t');
    expect(bank.text).toContain('xin Quý đơn vị dành một phút đánh giá');
  });
});

describe('satisfaction results', () => {
  it('count, average, distribution and share satisfied per office, with every office asked for and the comments', () => {
    const period = parsePeriod('2026-12');
    const rate = (caseId: string, office: string, rating: number, comment?: string) => ({ caseId, office, procedure: 'enforcement-request', rating, ratedAt: '2026-12-02T10:00:00+07:00', ...(comment ? { comment } : {}) });
    const results = satisfactionResults(['HCMKV1', 'HCMKV2'], [rate('A', 'HCMKV1', 5, 'Tốt'), rate('B', 'HCMKV1', 4), rate('C', 'HCMKV1', 2, 'Chậm')], period, officeDirectory);
    const [kv1, kv2] = results.offices;
    expect(kv1).toMatchObject({ ratings: 3, average: 3.67, distribution: [0, 1, 0, 1, 1], satisfiedPercent: 66.7 });
    expect(kv1!.comments.map((c) => c.comment)).toEqual(['Tốt', 'Chậm']);
    expect(kv2).toMatchObject({ ratings: 0, average: null, satisfiedPercent: null, distribution: [0, 0, 0, 0, 0], comments: [] });
    expect(results.total.ratings).toBe(3);
  });
});

describe('config/citizen.json', () => {
  it('is valid, and a broken one names the field', () => {
    expect(citizenConfig.rateLimit.perSourcePerMinute).toBeGreaterThan(0);
    expect(() => parseCitizenConfig({ ...citizenConfig, rateLimit: { perSourcePerMinute: 0, globalPerMinute: 1 } })).toThrow(/rateLimit\.perSourcePerMinute/);
  });
});
