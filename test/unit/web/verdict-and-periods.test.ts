import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../web/src/api/client';
import { chainStatus, verdictOf } from '../../../web/src/chain';
import { periodOptions } from '../../../web/src/periods';

const clean: VerifyReport = { caseId: 'HCM-2026-000001', ok: true, events: 12, head: { lastSeq: 12, lastHash: 'h' }, verifiedAt: '2026-12-02T07:00:00Z', caseState: 'matches', documents: { checked: 1, broken: [] } };

describe('the verification verdict (web/src/chain)', () => {
  it('says the case is whole when chain, case state and documents all match', () => {
    expect(verdictOf(clean)).toEqual({ ok: true, headline: 'Toàn vẹn: 12 sự kiện khớp chuỗi băm, 1 tài liệu khớp mã băm.', details: [] });
    expect(chainStatus({ seq: 5 }, clean)).toEqual({ label: 'Chuỗi hợp lệ', ok: true });
  });

  it('names the tampered event, and marks the events before it valid and after it unconfirmed', () => {
    const report: VerifyReport = { ...clean, ok: false, firstBreak: { kind: 'edited', seq: 7, message: 'event 7 was edited', found: { seq: 7, type: 'step-completed', at: '2026-12-02T07:00:00Z' } } };
    const verdict = verdictOf(report);
    expect(verdict.ok).toBe(false);
    expect(verdict.headline).toMatch(/^KHÔNG toàn vẹn/);
    expect(verdict.details).toEqual(['Sự kiện số 7 (Hoàn thành bước, 14:00 ngày 02/12/2026): bị sửa sau khi ghi.']);
    expect(chainStatus({ seq: 6 }, report).ok).toBe(true);
    expect(chainStatus({ seq: 7 }, report)).toEqual({ label: 'Bị sửa sau khi ghi', ok: false });
    expect(chainStatus({ seq: 8 }, report).ok).toBe(false);
  });

  it('names an altered document and a case edited behind its timeline even when the chain holds', () => {
    const report: VerifyReport = {
      ...clean,
      caseState: 'differs',
      documents: { checked: 2, broken: [{ name: 'Quyết định.pdf', bucket: 'b', key: 'k', seq: 20, problem: 'altered', recordedSha256: 'a', foundSha256: 'b', message: '' }] },
    };
    const verdict = verdictOf(report);
    expect(verdict.ok).toBe(false);
    expect(verdict.details).toEqual([
      'Hồ sơ bị sửa ngoài dòng thời gian: trạng thái hiện tại khác với trạng thái đã ghi vào chuỗi.',
      'Tài liệu “Quyết định.pdf” (sự kiện số 20) đã bị thay thế: mã băm không khớp.',
    ]);
  });
});

describe('the reporting periods offered (web/src/periods)', () => {
  it('offers the half years, years and months up to this one, newest first, in the API notation', () => {
    const options = periodOptions('2026-05-20');
    expect(options.slice(0, 3)).toEqual([
      { value: '2026-H1', label: '6 tháng đầu năm 2026' },
      { value: '2026', label: 'Năm 2026' },
      { value: '2026-05', label: 'Tháng 5/2026' },
    ]);
    expect(options.map((o) => o.value)).not.toContain('2026-H2');
    expect(options.map((o) => o.value)).toContain('2025-H2');
    expect(options.map((o) => o.value)).not.toContain('2026-06');
  });
});
