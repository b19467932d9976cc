/**
 * Texts written to make the catalog's patterns and the hit search slow (quadratic before: 40,000
 * digits took 4.8 s, 100,000 characters of "phải trả" about 9 s). The unit test asserts that the
 * checks finish on each; the benchmark measures how long they take.
 */
export const ADVERSARIAL_LENGTH = 100_000;
const N = ADVERSARIAL_LENGTH;

export const ADVERSARIAL_TEXTS: Record<string, string> = {
  'a run of digits': '9'.repeat(N),
  'groups of three digits': '123.'.repeat(N / 4),
  'a phrase a hint looks for, repeated': 'phải trả '.repeat(N / 9),
  '"em là", repeated': 'em là '.repeat(N / 6),
  '"ngân hàng", repeated': 'ngân hàng '.repeat(N / 10),
  'spaces': ' '.repeat(N),
  'decimal numbers': '1,1 '.repeat(N / 4),
};
