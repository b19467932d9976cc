import { describe, expect, it } from 'vitest';
import { DISPATCH_MAX_BYTES, DISPATCH_MAX_DECISIONS, dispatchId, encodedSize, planDispatches } from '../../../shared/procuracy/plan';

const MB = 1024 * 1024;
const item = (caseId: string, size: number, dueAt = '2026-12-07T17:00:00+07:00') => ({ caseId, size, dueAt });

describe("the plan of an office's dispatch to its procuracy", () => {
  it('carries every due decision of the office in one e-mail when they fit, the earliest due first', () => {
    // Prepare, Act
    const plan = planDispatches('HCMKV1', [item('C-3', 200_000), item('C-1', 300_000, '2026-12-08T17:00:00+07:00'), item('C-2', 100_000)]);

    // Assess
    expect(plan).toEqual([{ id: dispatchId('HCMKV1', ['C-1', 'C-2', 'C-3']), caseIds: ['C-2', 'C-3', 'C-1'], part: 1, parts: 1 }]);
  });

  it('splits the decisions into e-mails under the size bound, counting their base64 encoding', () => {
    // Prepare: 3 MB of PDF takes about 4.1 MB in the message, so two fit under 10 MB and a third does not
    const items = [item('C-1', 3 * MB), item('C-2', 3 * MB), item('C-3', 3 * MB), item('C-4', 3 * MB), item('C-5', 3 * MB)];

    // Act
    const plan = planDispatches('HCMKV1', items);

    // Assess
    expect(plan.map((d) => d.caseIds)).toEqual([['C-1', 'C-2'], ['C-3', 'C-4'], ['C-5']]);
    expect(plan.map((d) => [d.part, d.parts])).toEqual([[1, 3], [2, 3], [3, 3]]);
    for (const d of plan) expect(d.caseIds.reduce((sum, id) => sum + encodedSize(items.find((i) => i.caseId === id)!.size), 0)).toBeLessThan(DISPATCH_MAX_BYTES);
    expect(encodedSize(3 * MB)).toBeGreaterThan((3 * MB * 4) / 3);
  });

  it('sends a decision larger than the bound alone, and never more than the most decisions a dispatch holds', () => {
    // Prepare, Act
    const big = planDispatches('HCMKV1', [item('C-1', 100), item('C-2', 12 * MB), item('C-3', 100)]);
    const many = planDispatches('HCMKV1', Array.from({ length: DISPATCH_MAX_DECISIONS + 1 }, (_, i) => item(`C-${String(i).padStart(3, '0')}`, 1_000)));

    // Assess
    expect(big.map((d) => d.caseIds)).toEqual([['C-1'], ['C-2'], ['C-3']]);
    expect(many.map((d) => d.caseIds.length)).toEqual([DISPATCH_MAX_DECISIONS, 1]);
  });

  it('names a dispatch by its office and cases, whatever their order, so that two runs plan the same one', () => {
    // Prepare, Act, Assess
    expect(dispatchId('HCMKV1', ['C-1', 'C-2'])).toBe(dispatchId('HCMKV1', ['C-2', 'C-1']));
    expect(dispatchId('HCMKV1', ['C-1', 'C-2'])).not.toBe(dispatchId('HCMKV2', ['C-1', 'C-2']));
    expect(dispatchId('HCMKV1', ['C-1', 'C-2'])).not.toBe(dispatchId('HCMKV1', ['C-1']));
    expect(planDispatches('HCMKV1', [item('C-2', 10), item('C-1', 10)])).toEqual(planDispatches('HCMKV1', [item('C-1', 10), item('C-2', 10)]));
    expect(planDispatches('HCMKV1', [])).toEqual([]);
  });
});
