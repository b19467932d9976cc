import { at } from '../notices/format';

/**
 * The errors the citizen's routes answer with, apart from their use cases (shared/citizen/public-access.ts) so
 * that the API's router maps them to answers without loading those at every cold start.
 */

/**
 * The one answer to every token that opens nothing: malformed, unknown, for another purpose, for a case
 * gone, or expired. The log says which; the caller cannot tell them apart.
 */
export class NoSuchAccess extends Error {
  override readonly name = 'NoSuchAccess';
  constructor() {
    super('Liên kết không đúng hoặc đã hết hạn. Xin kiểm tra lại đường liên kết trong thư của cơ quan thi hành án dân sự.');
  }
}

export class TooManyAttempts extends Error {
  override readonly name = 'TooManyAttempts';
  constructor(readonly retryAfterSeconds: number) {
    super(`Có quá nhiều lượt truy cập. Xin thử lại sau ${retryAfterSeconds} giây.`);
  }
}

/** A second rating of a case: refused, saying when the first was given. */
export class SurveyAlreadyAnswered extends Error {
  override readonly name = 'SurveyAlreadyAnswered';
  constructor(readonly ratedAt: string) {
    super(`Hồ sơ này đã được đánh giá lúc ${at(ratedAt)}. Mỗi hồ sơ chỉ được đánh giá một lần; xin cảm ơn Ông/Bà.`);
  }
}
