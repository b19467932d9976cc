import { describe, expect, it } from 'vitest';
import proceduresJson from '../../../config/procedures.json';
import {
  InvalidProcedureCatalog,
  PROCEDURE_CODES,
  numbersToVerify,
  parseProcedureCatalog,
  procedureByCode,
  type Procedure,
} from '../../../shared/procedures/catalog';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';

type Editable = { commonItems: Array<Record<string, unknown>>; procedures: Array<Record<string, any>> };

/** The deployed catalog, edited the way an agency might get it wrong. */
function editedCatalog(edit: (catalog: Editable) => void): unknown {
  const copy = structuredClone(proceduresJson) as unknown as Editable;
  edit(copy);
  return copy;
}

function problemsOf(input: unknown, source?: string): string {
  try {
    parseProcedureCatalog(input, source);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidProcedureCatalog);
    return (error as Error).message;
  }
  throw new Error('the catalog was accepted');
}

const procedure = (code: string): Procedure => {
  const found = procedureByCode(procedureCatalog, code);
  if (found === undefined) throw new Error(`no procedure ${code}`);
  return found;
};

describe('the procedure catalog in config/procedures.json', () => {
  it('is valid and holds the seven procedures of the desk, the request for enforcement first', () => {
    // Prepare, Act
    const catalog = parseProcedureCatalog(proceduresJson, 'config/procedures.json');

    // Assess
    expect(catalog.procedures.map((p) => p.code)).toEqual([...PROCEDURE_CODES]);
    expect(catalog.fallbackProcedure).toBe('enforcement-request');
  });

  it('runs the request for enforcement in its own flow, the four other one-stop procedures in the generic one, complaints as guidance, questions for an answer', () => {
    // Prepare, Act
    const flows = Object.fromEntries(procedureCatalog.procedures.map((p) => [p.code, p.flow]));

    // Assess
    expect(flows).toEqual({
      'enforcement-request': 'enforcement-request',
      'result-confirmation': 'one-stop',
      'officer-change': 'one-stop',
      'coercion-cost-reduction': 'one-stop',
      'fee-reduction': 'one-stop',
      complaint: 'guidance',
      denunciation: 'guidance',
      question: 'answer',
    });
  });

  it('gives the results in the limits of Quyết định 537: 5 working days, and 15 for the reduction of the fee', () => {
    // Prepare, Act
    const limits = procedureCatalog.procedures.map((p) => [p.code, p.resultWorkingDays]);

    // Assess
    expect(limits).toEqual([
      ['enforcement-request', 5],
      ['result-confirmation', 5],
      ['officer-change', 5],
      ['coercion-cost-reduction', 5],
      ['fee-reduction', 15],
      ['complaint', 5],
      ['denunciation', 7],
      ['question', 1],
    ]);
  });

  it('answers the mailbox within 1 working day and gives the requester 10 to complete the file, both marked as the agency’s settings', () => {
    // Prepare, Act
    const everyProcedure = procedureCatalog.procedures;

    // Assess
    for (const p of everyProcedure) {
      expect(p.reviewWorkingDays).toBe(1);
      expect(p.numbers.reviewWorkingDays).toMatchObject({ agencySetting: true, verify: false });
      expect(p.requesterReplyWorkingDays).toBe(10);
      expect(p.numbers.requesterReplyWorkingDays).toMatchObject({ agencySetting: true });
      expect(p.afterCutoff).toBe('15:00');
      expect(p.warningFraction).toBe(0.75);
    }
  });

  it('marks for verification, with a note, every number the domain brief marks "(check)"', () => {
    // Prepare
    const request = procedure('enforcement-request');

    // Act
    const toVerify = numbersToVerify(procedureCatalog).map((n) => `${n.procedure}.${n.field}=${n.value}`);

    // Assess
    expect(request.refusalWorkingDays).toBe(5);
    expect(request.procuracyCopyWorkingDays).toBe(3);
    expect(request.limitationYears).toBe(5);
    expect(toVerify).toEqual(
      expect.arrayContaining([
        'enforcement-request.resultWorkingDays=5',
        'enforcement-request.refusalWorkingDays=5',
        'enforcement-request.procuracyCopyWorkingDays=3',
        'enforcement-request.limitationYears=5',
        'result-confirmation.resultWorkingDays=5',
        'officer-change.resultWorkingDays=5',
        'coercion-cost-reduction.resultWorkingDays=5',
        'fee-reduction.resultWorkingDays=15',
        'complaint.resultWorkingDays=5',
      ]),
    );
    expect(numbersToVerify(procedureCatalog).every((n) => n.note.length > 20)).toBe(true);
  });

  it('says of every result what it is and that it is not the money of the judgment (seed 000)', () => {
    // Prepare, Act
    const results = procedureCatalog.procedures.map((p) => p.result);

    // Assess
    expect(procedure('enforcement-request').result.name).toBe('Quyết định thi hành án');
    for (const result of results) expect(result.explanation).toContain('không phải là khoản tiền hay tài sản');
  });

  it('asks of a request for enforcement what art. 31 asks, the debtor’s assets only "if any"', () => {
    // Prepare
    const items = procedure('enforcement-request').requiredItems;

    // Act
    const required = items.filter((i) => i.required).map((i) => i.id);
    const optional = items.filter((i) => !i.required).map((i) => i.id);

    // Assess
    expect(required).toEqual(['requester-name', 'requester-address', 'agency', 'creditor', 'debtor-name', 'debtor-address', 'request-content', 'date', 'signature', 'judgment']);
    expect(optional).toEqual(['debtor-assets']);
    expect(items.find((i) => i.id === 'judgment')?.detect.attachments).toEqual(['judgment-pdf', 'judgment-photo']);
    expect(procedure('enforcement-request').legalBasis[0]?.citation).toBe(
      'Điều 31 Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014, 2022): nội dung đơn yêu cầu thi hành án',
    );
  });

  it('resolves a common item into each procedure that uses it, with the label that procedure gives it', () => {
    // Prepare, Act
    const complainant = procedure('complaint').requiredItems.find((i) => i.id === 'requester-name');
    const requester = procedure('enforcement-request').requiredItems.find((i) => i.id === 'requester-name');

    // Assess
    expect(complainant?.label).toBe('Họ, tên người khiếu nại');
    expect(requester?.label).toBe('Họ, tên của người yêu cầu (tên tổ chức nếu là tổ chức)');
    expect(complainant?.detect).toEqual(requester?.detect);
  });

  it('marks for verification the items of the other procedures, which come from practice rather than a cited article', () => {
    // Prepare, Act
    const officer = procedure('officer-change').requiredItems.find((i) => i.id === 'officer');

    // Assess
    expect(officer).toMatchObject({ verify: true, note: expect.stringContaining('check') });
  });

  it('finds no procedure under a code it does not know', () => {
    // Prepare, Act, Assess
    expect(procedureByCode(procedureCatalog, 'fee-reduction')?.name).toBe('Đề nghị miễn, giảm phí thi hành án');
    expect(procedureByCode(procedureCatalog, 'visa-application')).toBeUndefined();
  });
});

describe('a catalog an agency got wrong', () => {
  it('is refused when a time limit is negative, naming the number', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[0]!.resultWorkingDays.value = -5;
    });

    // Act
    const message = problemsOf(input, 'config/procedures.json');

    // Assess
    expect(message).toContain('config/procedures.json is invalid:');
    expect(message).toContain('  - procedures.0.resultWorkingDays.value: a time limit is at least 1');
  });

  it('is refused when a time limit is not a whole number of days', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[4]!.resultWorkingDays.value = 7.5;
    });

    // Act, Assess
    expect(problemsOf(input)).toContain('  - procedures.4.resultWorkingDays.value: a time limit is a whole number');
  });

  it('is refused when a flow is unknown', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[1]!.flow = 'two-stop';
    });

    // Act, Assess
    expect(problemsOf(input)).toMatch(/ {2}- procedures\.1\.flow: .*"enforcement-request"\|"one-stop"\|"guidance"/);
  });

  it('is refused when two procedures share a code, naming the second, and the lost one as missing', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[6]!.code = 'complaint';
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toContain('  - procedures.6.code: duplicate procedure code complaint');
    expect(message).toContain('  - procedures: missing procedure(s): denunciation');
  });

  it('is refused when a required item has no detection hints', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[1]!.requiredItems.push({ id: 'receipt', label: 'Biên lai đã nộp tiền', required: true });
    });

    // Act, Assess
    expect(problemsOf(input)).toContain(
      '  - procedures.1.requiredItems.6.detect: a required item needs detection hints (keywords, patterns or attachments) so the checks can look for it',
    );
  });

  it('accepts an optional item without hints: the officer looks for it', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[1]!.requiredItems.push({ id: 'receipt', label: 'Biên lai đã nộp tiền', required: false });
    });

    // Act
    const catalog = parseProcedureCatalog(input);

    // Assess
    expect(procedureByCode(catalog, 'result-confirmation')?.requiredItems.at(-1)).toMatchObject({ id: 'receipt', required: false });
  });

  it('is refused when an item uses a common item that does not exist', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[2]!.requiredItems[0] = { use: 'requester-nmae', required: true };
    });

    // Act, Assess
    expect(problemsOf(input)).toContain('  - procedures.2.requiredItems.0.use: unknown common item requester-nmae');
  });

  it('is refused when a pattern is not a regular expression, naming the hint', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.commonItems[2]!.detect = { patterns: ['ngày\\s*(\\d{1,2}'] };
    });

    // Act, Assess
    expect(problemsOf(input)).toMatch(/ {2}- commonItems\.2\.detect\.patterns\.0: the pattern .* is not a valid regular expression/);
  });

  it('is refused when a number is marked verify without saying what to check', () => {
    // Prepare
    const input = editedCatalog((c) => {
      delete c.procedures[0]!.resultWorkingDays.note;
    });

    // Act, Assess
    expect(problemsOf(input)).toContain('  - procedures.0.resultWorkingDays.note: a number marked verify needs a note saying what to check');
  });

  it('is refused when a field name is misspelt, rather than silently ignoring it', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[0]!.procuracyCopyWorkingday = c.procedures[0]!.procuracyCopyWorkingDays;
    });

    // Act, Assess
    expect(problemsOf(input)).toMatch(/ {2}- procedures\.0: Unrecognized key: "procuracyCopyWorkingday"/);
  });

  it('is refused when a procedure other than the fallback cannot be recognised', () => {
    // Prepare
    const input = editedCatalog((c) => {
      c.procedures[5]!.recognize = {};
    });

    // Act, Assess
    expect(problemsOf(input)).toContain('  - procedures.5.recognize: a procedure other than the fallback needs keywords or patterns to be recognised');
  });
});
