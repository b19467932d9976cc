import { describe, expect, it } from 'vitest';
import { InvalidHint, canonicalTones, compileKeyword, compilePattern, patternSource } from '../../../shared/checks/hints';
import { LETTER } from '../../../shared/checks/letters';

/** Whether a hint finds something in a text, as the checks run it (the text's tones made canonical). */
const finds = (regex: RegExp, text: string) => {
  regex.lastIndex = 0;
  return regex.test(canonicalTones(text));
};

describe('a keyword written with diacritics', () => {
  it('finds the words typed without diacritics, or with only some of them', () => {
    // Prepare
    const address = compileKeyword('địa chỉ');

    // Act, Assess
    expect(finds(address, 'Dia chi: so 12 Nguyen Trai')).toBe(true);
    expect(finds(address, 'dia chỉ: so 12')).toBe(true);
    expect(finds(address, 'ĐỊA CHỈ: SỐ 12')).toBe(true);
  });

  it('does not find a word the writer marked differently: "chị" is not in "Hồ Chí Minh", "bản án" is not "bàn ăn"', () => {
    // Prepare, Act, Assess
    expect(finds(compileKeyword('chị'), 'Thành phố Hồ Chí Minh')).toBe(false);
    expect(finds(compileKeyword('chị'), 'gửi chị Lan')).toBe(true);
    expect(finds(compileKeyword('bản án'), 'mua bàn ăn')).toBe(false);
    expect(finds(compileKeyword('ký'), 'kỳ hạn')).toBe(false);
  });

  it('finds old and new tone placement alike: "hoà" and "hòa", "thuỷ" and "thủy"', () => {
    // Prepare, Act, Assess
    expect(finds(compileKeyword('hòa giải'), 'đã hoà giải')).toBe(true);
    expect(finds(compileKeyword('uỷ ban nhân dân'), 'xác nhận của Ủy ban nhân dân xã')).toBe(true);
    expect(canonicalTones('quý, Hoà, THUỶ')).toBe('quý, Hòa, THỦY');
  });

  it('matches whole words, whatever punctuation or line break lies between them', () => {
    // Prepare
    const reduction = compileKeyword('miễn, giảm phí thi hành án');

    // Act, Assess
    expect(finds(reduction, 'đề nghị miễn giảm phí\nthi hành án')).toBe(true);
    expect(finds(reduction, 'xin mien/giam phi THI HANH AN')).toBe(true);
    expect(finds(compileKeyword('phí'), 'chi phí')).toBe(true);
    expect(finds(compileKeyword('phí'), 'ở phía trước')).toBe(false);
  });
});

describe('a keyword written without diacritics', () => {
  it('is read loosely: its letters match any marks', () => {
    // Prepare, Act, Assess
    expect(finds(compileKeyword('dia chi'), 'Địa chỉ thường trú')).toBe(true);
    expect(finds(compileKeyword('chi'), 'Hồ Chí Minh')).toBe(true);
  });
});

describe('a pattern', () => {
  it('widens its vowels as keywords do, and leaves escapes, quantifiers, ranges and group names alone', () => {
    // Prepare, Act
    const source = patternSource('(?<day>\\d{1,2})\\s+tháng\\s+[a-z] (ông|bà)');

    // Assess
    expect(source).toBe('(?<day>\\d{1,2})\\s+th[aá]ng\\s+[a-z] ([oô]ng|b[aà])');
  });

  it('spells out \\p{L} as the letters of Vietnamese and Latin script, and \\p{N} as digits', () => {
    // Prepare, Act
    const source = patternSource('\\p{L}+[^\\p{L}\\p{N}]\\P{N}');

    // Assess
    expect(source).toBe(`[${LETTER}]+[^${LETTER}0-9][^0-9]`);
    expect(finds(compilePattern('tôi là \\p{L}+'), 'Tôi là Đặng Thị Ngọc')).toBe(true);
    expect(() => compilePattern('\\p{Lu}')).toThrow('only \\p{L} (a letter) and \\p{N} (a digit) are supported');
  });

  it('finds a date typed without diacritics', () => {
    // Prepare
    const date = compilePattern('ngày\\s*\\d{1,2}\\s*tháng\\s*\\d{1,2}\\s*năm\\s*\\d{4}');

    // Act, Assess
    expect(finds(date, 'Ha Noi, ngay 20 thang 11 nam 2026')).toBe(true);
    expect(finds(date, 'Hà Nội, ngày 20 tháng 11 năm 2026')).toBe(true);
  });

  it('is refused with the reason when it is not a regular expression', () => {
    // Prepare, Act, Assess
    expect(() => compilePattern('(bản án')).toThrow(InvalidHint);
    expect(() => compileKeyword(' , ')).toThrow('has no letter or digit');
  });
});
