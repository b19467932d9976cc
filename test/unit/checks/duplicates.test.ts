import { describe, expect, it } from 'vitest';
import { findDuplicates, subjectSimilarity } from '../../../shared/checks/duplicates';

const receivedAt = new Date('2026-11-23T09:30:00Z');
const daysBefore = (days: number) => new Date(receivedAt.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

describe('a new message against the requester’s open cases', () => {
  it('is a likely duplicate of the case that names the same judgment, however it is spelt', () => {
    // Prepare
    const open = [
      { caseId: 'HCMKV1-2026-000007', subject: 'Yêu cầu thi hành án', receivedAt: daysBefore(60), judgmentRefs: ['07/2026/QĐST-DS'] },
      { caseId: 'HCMKV1-2026-000008', subject: 'Đơn yêu cầu', receivedAt: daysBefore(5), judgmentRefs: ['8/2026/DS-ST'] },
    ];

    // Act
    const duplicates = findDuplicates({ subject: 'Gửi lại đơn', judgmentRefs: ['7/2026/QDST-DS'], receivedAt }, open);

    // Assess
    expect(duplicates).toEqual([
      {
        caseId: 'HCMKV1-2026-000007',
        likelihood: 'likely',
        reason: 'Nhiều khả năng trùng: cùng người gửi, cùng bản án 7/2026/QDST-DS với hồ sơ HCMKV1-2026-000007 đang mở (nhận ngày 24/09/2026)',
      },
    ]);
  });

  it('is a possible duplicate of a case with a very similar subject received within 30 days', () => {
    // Prepare
    const open = [{ caseId: 'HCMKV2-2026-000011', subject: 'Đơn yêu cầu thi hành án', receivedAt: daysBefore(10), judgmentRefs: [] }];

    // Act
    const duplicates = findDuplicates({ subject: 'Fwd: ĐƠN YÊU CẦU THI HÀNH ÁN', judgmentRefs: [], receivedAt }, open);

    // Assess
    expect(duplicates.map((d) => [d.caseId, d.likelihood])).toEqual([['HCMKV2-2026-000011', 'possible']]);
    expect(duplicates[0]?.reason).toContain('tiêu đề gần giống hồ sơ HCMKV2-2026-000011');
  });

  it('is no duplicate of a similar subject older than 30 days', () => {
    // Prepare
    const open = [{ caseId: 'HCMKV2-2026-000011', subject: 'Đơn yêu cầu thi hành án', receivedAt: daysBefore(31), judgmentRefs: [] }];

    // Act, Assess
    expect(findDuplicates({ subject: 'Đơn yêu cầu thi hành án', judgmentRefs: [], receivedAt }, open)).toEqual([]);
  });

  it('is no duplicate when both name judgments and none is shared: a bank sends one request per loan', () => {
    // Prepare
    const open = [{ caseId: 'HCM-2026-000101', subject: 'Đơn yêu cầu thi hành án', receivedAt: daysBefore(2), judgmentRefs: ['101/2026/KDTM-ST'] }];

    // Act, Assess
    expect(findDuplicates({ subject: 'Đơn yêu cầu thi hành án', judgmentRefs: ['102/2026/KDTM-ST'], receivedAt }, open)).toEqual([]);
  });

  it('compares subjects by their words, leaving out reply marks and case tags', () => {
    // Prepare, Act, Assess
    expect(subjectSimilarity('TL: Re: Đơn yêu cầu thi hành án [HCMKV1-2026-000001]', 'Don yeu cau thi hanh an')).toBe(1);
    expect(subjectSimilarity('Đơn yêu cầu thi hành án', 'Khiếu nại chấp hành viên')).toBeLessThan(0.8);
    expect(subjectSimilarity('', 'Đơn yêu cầu')).toBe(0);
  });
});
