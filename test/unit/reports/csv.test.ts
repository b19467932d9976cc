import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, InvalidCsv, parseCsv, toCsv } from '../../../shared/reports/csv';

describe('CSV as auditors open it in Excel', () => {
  it('quotes what needs quoting: commas, quotes, line breaks, surrounding spaces', () => {
    expect(csvField('Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(csvField('Công ty TNHH Minh Phát, chi nhánh Cần Thơ')).toBe('"Công ty TNHH Minh Phát, chi nhánh Cần Thơ"');
    expect(csvField('Bản án số 123/2026/DS-PT "phúc thẩm"')).toBe('"Bản án số 123/2026/DS-PT ""phúc thẩm"""');
    expect(csvField('dòng một\r\ndòng hai')).toBe('"dòng một\r\ndòng hai"');
    expect(csvField(' lề ')).toBe('" lề "');
    expect(csvField(42)).toBe('42');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula, when asked, and never a number', () => {
    expect(csvField('=HYPERLINK("http://x.example","Bấm vào đây")', true)).toBe('"\'=HYPERLINK(""http://x.example"",""Bấm vào đây"")"');
    expect(csvField('+84 912 345 678', true)).toBe("'+84 912 345 678");
    expect(csvField('@SUM(A1)', true)).toBe("'@SUM(A1)");
    expect(csvField(-5, true)).toBe('-5');
    expect(csvField('=1+1', false)).toBe('=1+1');
  });

  it('neutralises a formula in every segment a spreadsheet may split a field into (";" on a Vietnamese Windows, tabs, line breaks)', () => {
    // Prepare: what a requester may put in a name or a subject
    const given = 'Trần Văn An;=HYPERLINK("http://x.example","Bấm");  +cmd|\' /C calc\'!A0\t@SUM(A1)\n-2+3';

    // Act
    const field = csvField(given, true);

    // Assess: after splitting on ; , tab and line breaks, no segment starts (after spaces) with = + - @
    const text = parseCsv(`${field}\r\n`)[0]![0]!;
    const segments = text.split(/[;,\t\r\n]/);
    expect(segments.filter((segment) => /^[ \u00a0]*[=+\-@]/.test(segment))).toEqual([]);
    expect(text).toBe('Trần Văn An;\'=HYPERLINK("http://x.example","Bấm");  \'+cmd|\' /C calc\'!A0\t\'@SUM(A1)\n\'-2+3');
  });

  it('leaves text without formula starts as it was', () => {
    expect(csvField('Nguyễn Thị Hoa; số 12, đường Lê Lợi', true)).toBe('"Nguyễn Thị Hoa; số 12, đường Lê Lợi"');
  });

  it('starts with the byte order mark and ends every line with CRLF', () => {
    expect(toCsv([['Mã hồ sơ', 'Đơn vị'], ['HCM-2026-000001', 'HCM']])).toBe('\uFEFFMã hồ sơ,Đơn vị\r\nHCM-2026-000001,HCM\r\n');
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
  });

  it('reads back exactly what it wrote, whatever the text (Vietnamese, quotes, commas, line breaks)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ễ', 'Đ', 'ư', ',', '"', '\n', '\r', ' ', '\t', ';', "'", '=') , maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (lines) => {
        expect(parseCsv(toCsv(lines))).toEqual(lines);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a file saved with bare LF line ends, and refuses a broken one', () => {
    expect(parseCsv('a,b\n"c\nd",e\n')).toEqual([
      ['a', 'b'],
      ['c\nd', 'e'],
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow(InvalidCsv);
    expect(() => parseCsv('a,b"c\n')).toThrow(InvalidCsv);
  });
});
