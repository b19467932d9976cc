import { describe, expect, it } from 'vitest';
import legalBasisJson from '../../../config/legal-basis.json';
import { legalBasis } from '../../../shared/procedures/default-legal-basis';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { InvalidLegalBasis, citationOf, citationsToVerify, lawInForce, limitCitation, parseLegalBasis } from '../../../shared/procedures/legal-basis';

describe('the law in force on the day a case is received', () => {
  it('is the Law of 2008 on 30/6/2026 at 23:59 in Vietnam, and Law 106/2025/QH15 one minute later', () => {
    // Prepare, Act, Assess
    expect(lawInForce(legalBasis, '2026-06-30T23:59:00+07:00').id).toBe('thads-2008');
    expect(lawInForce(legalBasis, '2026-06-30T17:00:00Z').id).toBe('thads-2025'); // 00:00 on 1/7 in Vietnam
    expect(lawInForce(legalBasis, '2026-11-23T16:30:00+07:00').title).toBe('Luật Thi hành án dân sự số 106/2025/QH15');
  });

  it('cites a refusal under art. 34 of the 2008 law, not art. 37, marked to verify with its source', () => {
    // Prepare, Act
    const refusal = citationOf(legalBasis, 'refusal', '2026-03-02T09:00:00+07:00');

    // Assess
    expect(refusal.text).toBe('Điều 34 Luật Thi hành án dân sự năm 2008 (sửa đổi, bổ sung năm 2014, 2022) về từ chối yêu cầu thi hành án');
    expect(refusal.text).not.toContain('Điều 37');
    expect(refusal.verify).toBe(true);
    expect(refusal.source).toContain('BRIEF');
  });

  it('cites the 2025 law without an article number it does not know, and says it must be verified', () => {
    // Prepare, Act
    const refusal = citationOf(legalBasis, 'refusal', '2026-07-01T08:00:00+07:00');

    // Assess
    expect(refusal.text).toBe('Luật Thi hành án dân sự số 106/2025/QH15, quy định về từ chối yêu cầu thi hành án');
    expect(refusal.text).not.toMatch(/Điều \d/);
    expect(refusal.verify).toBe(true);
  });

  it('cites the change of officer under decree 62/2015, art. 10, before July 2026', () => {
    // Prepare, Act, Assess
    expect(citationOf(legalBasis, 'officer-change', '2026-05-04T10:00:00+07:00').text).toBe('Điều 10 Nghị định 62/2015/NĐ-CP (sửa đổi, bổ sung) về thay đổi Chấp hành viên');
  });

  it('names the provision of each statutory limit of the request for enforcement', () => {
    // Prepare
    const march = '2026-03-02T09:00:00+07:00';

    // Act, Assess
    expect(limitCitation(legalBasis, 'enforcement-request', 'resultWorkingDays', march)?.text).toMatch(/^Điều 36 /);
    expect(limitCitation(legalBasis, 'enforcement-request', 'procuracyCopyWorkingDays', march)?.text).toMatch(/^Điều 38 /);
    expect(limitCitation(legalBasis, 'enforcement-request', 'limitationYears', march)?.text).toMatch(/^Điều 30 /);
    expect(limitCitation(legalBasis, 'result-confirmation', 'resultWorkingDays', march)?.text).toMatch(/^Điều 53 /);
    expect(limitCitation(legalBasis, 'enforcement-request', 'reviewWorkingDays', march)).toBeUndefined(); // an agency setting, not a law
  });

  it('names a provision for the result limit of every one-stop procedure and complaints', () => {
    // Prepare, Act, Assess (a question's one working day is the agency's commitment, not the law's)
    for (const p of procedureCatalog.procedures.filter((p) => p.code !== 'denunciation' && p.code !== 'question')) {
      expect(limitCitation(legalBasis, p.code, 'resultWorkingDays', '2026-12-01T09:00:00+07:00'), p.code).toBeDefined();
    }
  });

  it('lists every unconfirmed citation with what to check', () => {
    // Prepare, Act
    const toVerify = citationsToVerify(legalBasis);

    // Assess
    expect(toVerify.filter((c) => c.law === 'thads-2025').length).toBe(legalBasis.provisions.length);
    expect(toVerify.every((c) => c.note.length > 20)).toBe(true);
  });
});

describe('a legal basis an agency got wrong', () => {
  const edited = (edit: (d: any) => void) => {
    const copy = structuredClone(legalBasisJson) as any;
    edit(copy);
    return () => parseLegalBasis(copy, 'config/legal-basis.json');
  };

  it('is refused when a citation has no article and is not marked verify', () => {
    // Prepare, Act, Assess
    expect(edited((d) => delete d.provisions[2].citations['thads-2025'].verify)).toThrow(/provisions\.2\.citations\.thads-2025\.article: a citation without an article number must be marked verify/);
  });

  it('is refused when a limit names a provision that does not exist', () => {
    // Prepare, Act, Assess
    expect(edited((d) => (d.procedures['enforcement-request'].resultWorkingDays = 'decision'))).toThrow(InvalidLegalBasis);
  });

  it('is refused when a provision has no citation under one of the laws', () => {
    // Prepare, Act, Assess
    expect(edited((d) => delete d.provisions[0].citations['thads-2025'])).toThrow(/no citation under thads-2025/);
  });
});
