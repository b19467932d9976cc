import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDiacritics, foldForComparison, foldedWords } from '../../../shared/checks/fold';

describe('folding Vietnamese diacritics', () => {
  it('takes the marks off every vowel and the stroke off đ, keeping the case', () => {
    // Prepare
    const written = 'Đơn yêu cầu thi hành án — Người phải thi hành án: ông Trần Văn Bình, địa chỉ thường trú';

    // Act
    const folded = foldDiacritics(written);

    // Assess
    expect(folded).toBe('Don yeu cau thi hanh an — Nguoi phai thi hanh an: ong Tran Van Binh, dia chi thuong tru');
  });

  it('folds a name written decomposed, as Apple devices write file names, like the same name composed', () => {
    // Prepare
    const decomposed = 'Ảnh CCCD mặt trước.jpg'.normalize('NFD');

    // Act, Assess
    expect(foldDiacritics(decomposed)).toBe('Anh CCCD mat truoc.jpg');
  });

  it('compares in lower case with runs of spaces made one', () => {
    // Prepare, Act, Assess
    expect(foldForComparison('  QUYẾT  ĐỊNH\tsố 45 ')).toBe('quyet dinh so 45');
    expect(foldedWords('Bản án số 123-2026-DS-PT.pdf')).toEqual(['ban', 'an', 'so', '123', '2026', 'ds', 'pt', 'pdf']);
  });

  it('leaves no combining mark and no đ, and changes nothing a second time', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aăâeêioôơuưyđĐ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ\u0301\u0323xyz') }), (text) => {
        const folded = foldDiacritics(text);
        expect(folded).not.toMatch(/[\p{M}đĐ]/u);
        expect(foldDiacritics(folded)).toBe(folded);
      }),
    );
  });

  it('keeps the length of composed Vietnamese text: one letter stays one letter', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AĂÂĐEÊIOÔƠUƯYaăâđeêioôơuưyàảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ bcgkqt0') }), (text) => {
        expect(foldDiacritics(text)).toHaveLength(text.length);
      }),
    );
  });
});
