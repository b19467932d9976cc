/** The automatic checks before review. See run-checks.ts; every part is a pure function. */
export { runChecks, ownText, SHORT_TEXT_WORDS } from './run-checks';
export { classifyAttachments, TINY_IMAGE_BYTES, type ClassifiedAttachment } from './attachments';
export { checkItems } from './items';
export { likelyProcedure } from './likely-procedure';
export { checkSender } from './sender';
export { findDuplicates, subjectSimilarity, SIMILAR_SUBJECT_THRESHOLD, SIMILAR_SUBJECT_WINDOW_DAYS } from './duplicates';
export { judgmentRefsOf, judgmentRefsInText, judgmentRefsInFilename, judgmentRefKey, sharedJudgmentRefs } from './judgment-refs';
export { foldDiacritics, foldForComparison, foldedWords } from './fold';
export { prepareText, findHits } from './detect';
export { reviewHints, judgmentDateIn, type ReviewHint, type ReviewHintKind } from './review-hints';
export * from './types';
export { asksToWithdraw, WITHDRAWAL_PHRASES, type WithdrawalHint } from './withdrawal-request';
