import { describe, expect, it } from 'vitest';
import proceduresJson from '../../../config/procedures.json';
import { InvalidProcedureCatalog, parseProcedureCatalog } from '../../../shared/procedures/catalog';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';

type Editable = { procedures: Array<Record<string, any>> };

function problemsOf(edit: (catalog: Editable) => void): string {
  const copy = structuredClone(proceduresJson) as unknown as Editable;
  edit(copy);
  try {
    parseProcedureCatalog(copy, 'config/procedures.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidProcedureCatalog);
    return (error as Error).message;
  }
  throw new Error('the catalog was accepted');
}

describe('the counting rule of every limit', () => {
  it('counts the statutory limits by the legal rule and the one-day reply in working hours, each with its source', () => {
    for (const p of procedureCatalog.procedures.filter((p) => p.flow !== 'answer')) {
      expect(p.counting, p.code).toMatchObject({ resultWorkingDays: 'legal', refusalWorkingDays: 'legal', requesterReplyWorkingDays: 'legal', reviewWorkingDays: 'working-hours' });
      if (p.procuracyCopyWorkingDays !== undefined) expect(p.counting.procuracyCopyWorkingDays, p.code).toBe('legal');
      for (const field of ['reviewWorkingDays', 'resultWorkingDays', 'refusalWorkingDays', 'requesterReplyWorkingDays'] as const) {
        expect(p.numbers[field]?.countingSource, `${p.code}.${field}`).toMatch(/.{30,}/);
      }
      expect(p.numbers.resultWorkingDays?.countingSource).toMatch(/Bộ luật Dân sự số 91\/2015\/QH13, Điều 147-148/);
    }
  });

  it("counts a question's answer in working hours, one working day from receipt, as the agency's own commitment (seed 002)", () => {
    const question = procedureCatalog.procedures.find((p) => p.code === 'question')!;
    expect(question.counting.reviewWorkingDays).toBe('working-hours');
    expect([question.reviewWorkingDays, question.numbers.reviewWorkingDays?.agencySetting]).toEqual([1, true]);
    expect(question.numbers.reviewWorkingDays?.countingSource).toMatch(/seed 002/);
    expect(procedureSettings(procedureCatalog, 'question').limits.review).toEqual({ workingDays: 1, counting: 'working-hours' });
  });

  it('gives the workflow each limit with its rule', () => {
    const settings = procedureSettings(procedureCatalog, 'enforcement-request');
    expect(settings.limits).toEqual({
      review: { workingDays: 1, counting: 'working-hours' },
      result: { workingDays: 5, counting: 'legal' },
      refusal: { workingDays: 5, counting: 'legal' },
      requesterReply: { workingDays: 10, counting: 'legal' },
      procuracyCopy: { workingDays: 3, counting: 'legal' },
    });
  });

  it('refuses a limit in working days without a rule, or with an unknown one, naming the limit', () => {
    expect(problemsOf((c) => delete c.procedures[0]!.resultWorkingDays.counting)).toMatch(/procedures\.0\.resultWorkingDays\.counting/);
    expect(problemsOf((c) => (c.procedures[0]!.reviewWorkingDays.counting.rule = 'calendar-days'))).toMatch(/procedures\.0\.reviewWorkingDays\.counting\.rule: .*"legal".*"working-hours"/);
  });

  it('keeps the one-stop cut-off as the agency’s setting, with its source', () => {
    for (const p of procedureCatalog.procedures) {
      expect(p.afterCutoff).toBe('15:00');
      expect(p.afterCutoffSetting).toMatchObject({ time: '15:00', agencySetting: true, source: expect.stringMatching(/537\/QĐ-TCTHADS/) });
    }
    expect(problemsOf((c) => (c.procedures[0]!.afterCutoff = '15:00'))).toMatch(/procedures\.0\.afterCutoff/);
  });
});
