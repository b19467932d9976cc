/** No usable token: the caller is unknown (HTTP 401). */
export class Unauthenticated extends Error {
  override readonly name = 'Unauthenticated';
  constructor(
    readonly reason: string,
    /** The subject the refused token claims (unverified), for the log. */
    readonly claimedSubject?: string,
  ) {
    super(reason);
  }
}

/** The caller is known but may not do this (HTTP 403). */
export class AccessRefused extends Error {
  override readonly name = 'AccessRefused';
  constructor(readonly reason: string) {
    super(reason);
  }
}
