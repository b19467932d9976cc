import { describe, expect, it } from 'vitest';
import { judgmentRefKey, judgmentRefsInFilename, judgmentRefsInText, judgmentRefsOf, sharedJudgmentRefs } from '../../../shared/checks/judgment-refs';

describe('court case numbers in a text', () => {
  it('reads the forms courts write: civil first instance, commercial appeal, a first-instance decision, "Bản án số"', () => {
    // Prepare
    const text = 'Căn cứ Bản án số 7/2026/DS-PT, Bản án 05/2025/KDTM-PT và Quyết định số 123/2024/QĐST-DS, cùng bản án 12/2026/DS-ST.';

    // Act
    const refs = judgmentRefsInText(text);

    // Assess
    expect(refs).toEqual(['7/2026/DS-PT', '05/2025/KDTM-PT', '123/2024/QĐST-DS', '12/2026/DS-ST']);
  });

  it('normalises what people type: spaces around the slashes, lower case', () => {
    // Prepare, Act, Assess
    expect(judgmentRefsInText('ban an so 12 / 2026 / ds-st ngay 10/9/2026')).toEqual(['12/2026/DS-ST']);
    expect(judgmentRefsInText('Bản án số 30/2026/HNGĐ-ST.')).toEqual(['30/2026/HNGĐ-ST']);
  });

  it('takes neither dates nor the numbers of laws, decrees and circulars for judgments', () => {
    // Prepare
    const text = 'ngày 15/10/2026, theo Nghị định 62/2015/NĐ-CP, Thông tư 216/2016/TT-BTC, Luật 106/2025/QH15 và Quyết định 536/QĐ-TCTHADS';

    // Act, Assess
    expect(judgmentRefsInText(text)).toEqual([]);
  });

  it('reads a file name where hyphens or underscores stand for the slashes, but not a phone camera’s numbering', () => {
    // Prepare, Act, Assess
    expect(judgmentRefsInFilename('Bản án số 123-2026-DS-PT.pdf')).toEqual(['123/2026/DS-PT']);
    expect(judgmentRefsInFilename('BA_12_2026_DS-ST Nguyen Van An.jpg')).toEqual(['12/2026/DS-ST']);
    expect(judgmentRefsInFilename('IMG_2026_0112.jpg')).toEqual([]);
    expect(judgmentRefsInFilename('scan 20 2026 ABC.pdf')).toEqual([]);
  });

  it('lists each judgment once, from subject, text and file names', () => {
    // Prepare
    const message = {
      subject: 'Đơn yêu cầu thi hành án - Bản án số 123/2026/DS-PT',
      text: 'Căn cứ Bản án số 123/2026/DS-PT và Quyết định số 45/2026/QĐST-DS',
      attachments: [{ filename: 'Bản án số 123-2026-DS-PT.pdf' }, { filename: 'QD 45-2026-QDST-DS.pdf' }],
    };

    // Act, Assess
    expect(judgmentRefsOf(message)).toEqual(['123/2026/DS-PT', '45/2026/QĐST-DS']);
  });

  it('compares two spellings of one judgment as equal: leading zero, Đ typed as D, case', () => {
    // Prepare, Act, Assess
    expect(judgmentRefKey('07/2026/QĐST-DS')).toBe(judgmentRefKey('7/2026/qdst-ds'));
    expect(sharedJudgmentRefs(['07/2026/QĐST-DS', '8/2026/DS-ST'], ['7/2026/QDST-DS'])).toEqual(['07/2026/QĐST-DS']);
    expect(judgmentRefKey('12/2026/DS-ST')).not.toBe(judgmentRefKey('12/2026/DS-PT'));
  });
});
