import type { TimelineEvent } from '../cases/model';

/**
 * The event that recorded the request itself: the e-mail that opened the case (`message-received`), or the
 * request an officer registered from the post or the desk with its scans (`request-registered`). The checks
 * and the notices read the request from it, whichever way it came.
 */
export const REQUEST_EVENT_TYPES = ['message-received', 'request-registered'] as const;

export const requestEventOf = (events: readonly TimelineEvent[]): TimelineEvent | undefined =>
  events.find((e) => (REQUEST_EVENT_TYPES as readonly string[]).includes(e.type));
