/** What the staff use cases refuse, each named so the API can answer with the right status and words. */

/** The request itself is wrong: a parameter or body that does not validate (HTTP 400). */
export class InvalidRequest extends Error {
  override readonly name = 'InvalidRequest';
  constructor(
    message: string,
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}

/** No such case (HTTP 404). */
export class CaseNotFoundError extends Error {
  override readonly name = 'CaseNotFound';
  constructor(readonly caseId: string) {
    super(`case ${caseId} does not exist`);
  }
}

/** The case is not waiting for this action (HTTP 409): nothing was sent to the workflow. */
export class NotWaitingForAction extends Error {
  override readonly name = 'NotWaitingForAction';
  constructor(
    readonly caseId: string,
    readonly action: string,
    readonly step: string | undefined,
    readonly waitingFor: string | null,
    detail?: string,
  ) {
    super(
      detail ??
        `case ${caseId} is not waiting for ${step ?? action}: ${waitingFor ? `it waits for ${waitingFor}` : 'it waits for no action'}`,
    );
  }
}

/** The case cannot take this change in its present state (HTTP 409), e.g. reassigning a closed case. */
export class CaseConflict extends Error {
  override readonly name = 'CaseConflict';
}

/** No export job of this id that the caller may read (HTTP 404): shared/staff/export-jobs.ts. */
export class ExportJobNotFound extends Error {
  override readonly name = 'ExportJobNotFound';
  constructor(readonly jobId: string) {
    super(`no export job ${jobId} of yours exists`);
  }
}
