import { describe, expect, it } from 'vitest';
import { caseIdsInSubject, formatCaseId, parseCaseId, subjectTag } from '../../../shared/cases/case-id';

describe('case ids <OFFICE>-<YYYY>-<NNNNNN>', () => {
  it.each([
    ['the first case of HCMKV1 in 2026', 'HCMKV1', 2026, 1, 'HCMKV1-2026-000001'],
    ['the 4,711th case of the provincial desk in 2027', 'HCM', 2027, 4711, 'HCM-2027-004711'],
    ['the last number of a year', 'HCMKV2', 2026, 999_999, 'HCMKV2-2026-999999'],
  ])('%s is %s', (_story, office, year, serial, expected) => {
    // Prepare, Act
    const id = formatCaseId(office, year, serial);

    // Assess
    expect(id).toBe(expected);
    expect(parseCaseId(id)).toEqual({ office, year, serial });
  });

  it.each([
    ['0', 0],
    ['1,000,000', 1_000_000],
    ['-1', -1],
    ['1.5', 1.5],
    ['NaN', Number.NaN],
  ])('refuses serial %s, naming the office and year', (_label, serial) => {
    // Prepare, Act, Assess
    expect(() => formatCaseId('HCMKV1', 2026, serial)).toThrow(RangeError);
    expect(() => formatCaseId('HCMKV1', 2026, serial)).toThrow(/outside 1\.\.999999 for HCMKV1 in 2026/);
  });

  it.each([
    ['in lower case', 'hcmkv1-2026-000001'],
    ['with five digits of serial', 'HCMKV1-2026-00001'],
    ['with seven digits of serial', 'HCMKV1-2026-0000001'],
    ['with a two-digit year', 'HCMKV1-26-000001'],
    ['with an office starting with a digit', '1HCM-2026-000001'],
    ['with a one-letter office', 'H-2026-000001'],
    ['with a hyphen in the office', 'HCM-KV1-2026-000001'],
    ['in brackets, as in a subject', '[HCMKV1-2026-000001]'],
    ['with text after it', 'HCMKV1-2026-000001 '],
    ['with letters in the serial', 'HCMKV1-2026-00000A'],
  ])('is not read from an id %s', (_story, text) => {
    // Prepare, Act
    const parsed = parseCaseId(text);

    // Assess
    expect(parsed).toBeUndefined();
  });
});

describe('case id tags in subjects', () => {
  it('a subject tag is the id in square brackets', () => {
    // Prepare, Act
    const tag = subjectTag('HCMKV1-2026-000001');

    // Assess
    expect(tag).toBe('[HCMKV1-2026-000001]');
  });

  it('finds the one tag of a reply to an acknowledgement', () => {
    // Prepare
    const subject = `Re: Xác nhận đã nhận yêu cầu thi hành án ${subjectTag('HCMKV1-2026-000001')}`;

    // Act
    const ids = caseIdsInSubject(subject);

    // Assess
    expect(ids).toEqual(['HCMKV1-2026-000001']);
  });

  it('finds every tag, in order, when a forwarded thread names several cases', () => {
    // Prepare
    const subject = 'TR: Fwd: [HCMKV2-2026-000017] Bổ sung hồ sơ - RE: Xác nhận [HCMKV1-2026-000001] [HCM-2027-000003]';

    // Act
    const ids = caseIdsInSubject(subject);

    // Assess
    expect(ids).toEqual(['HCMKV2-2026-000017', 'HCMKV1-2026-000001', 'HCM-2027-000003']);
  });

  it.each([
    ['an id written without brackets', 'Hồ sơ HCMKV1-2026-000001 bổ sung'],
    ['a tag in lower case', 'Re: [hcmkv1-2026-000001]'],
    ['a tag with seven digits', 'Re: [HCMKV1-2026-0000001]'],
    ['a tag with a space inside', 'Re: [ HCMKV1-2026-000001 ]'],
    ['no tag at all', 'Đơn yêu cầu thi hành án'],
  ])('finds nothing in %s', (_story, subject) => {
    // Prepare, Act
    const ids = caseIdsInSubject(subject);

    // Assess
    expect(ids).toEqual([]);
  });

  it('gives the same answer when asked twice (the search keeps no state between subjects)', () => {
    // Prepare
    const subject = 'Re: [HCMKV1-2026-000001]';

    // Act
    const first = caseIdsInSubject(subject);
    const second = caseIdsInSubject(subject);

    // Assess
    expect(second).toEqual(first);
    expect(second).toEqual(['HCMKV1-2026-000001']);
  });
});
