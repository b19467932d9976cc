import { describe, expect, it } from 'vitest';
import { displayText, truncateGraphemes } from '../../../shared/mail/display-text';
import { wellFormed } from './fixtures';

describe('text from outside, made safe to show back', () => {
  it('removes ESC sequences, C1 controls and bidi overrides, and flattens line breaks', () => {
    // Prepare, Act
    const shown = displayText('Nguyễn\u001b[2J\u001b]0;pwned\u0007 Văn\u202e An\u009b\r\nBcc: x', 200);

    // Assess
    expect(shown).toBe('Nguyễn[2J]0;pwned Văn An  Bcc: x');
  });

  it('cuts by user-perceived characters with an ellipsis, never inside a letter and its marks or an emoji', () => {
    // Prepare: decomposed Vietnamese and a family emoji (one grapheme of seven code points)
    const given = `${'Bản án '.normalize('NFD')}👨‍👩‍👧‍👦 và nhiều chữ nữa`;

    // Act
    const shown = displayText(given, 9);

    // Assess
    expect(shown).toBe('Bản án 👨‍👩‍👧‍👦…');
    expect(wellFormed(shown)).toBe(true);
  });

  it('bounds a single "character" of thousands of combining marks', () => {
    // Prepare
    const zalgo = `a${'\u0301'.repeat(10_000)}`;

    // Act
    const cut = truncateGraphemes(zalgo, 10);

    // Assess
    expect(cut.truncated).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(40);
  });

  it('leaves a short clean text as it is', () => {
    expect(displayText('Đơn yêu cầu thi hành án', 200)).toBe('Đơn yêu cầu thi hành án');
  });
});

