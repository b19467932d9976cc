import type { CaseRecord } from '../cases/model';
import type { StaffPorts } from '../staff/ports';
import { InvalidRequest } from '../staff/errors';
import type { ProcedureSettings } from '../workflow/procedure-settings';
import { toVietnamIso } from '../time/vietnam-time';
import { at } from '../notices/format';
import { hashAccessToken, isWellFormedToken, type AccessPurpose } from './access-token';
import type { CitizenAccessStore } from './access-store';
import { citizenCaseStatus, linkStillValid, requesterDocuments, type CitizenCaseStatus } from './case-status';
import type { CitizenConfig } from './citizen-config';
import { checkAttempt, type AttemptCounter } from './rate-limit';
import { AlreadyRated, ratingBody, type SurveyStore } from './survey';
import { NoSuchAccess, SurveyAlreadyAnswered, TooManyAttempts } from './public-errors';

/** What the citizen's public routes need besides the case store: the tokens, the attempt counters, the ratings, the settings, a log. */
export interface CitizenPorts {
  access: CitizenAccessStore;
  attempts: AttemptCounter;
  surveys: SurveyStore;
  config: CitizenConfig;
  procedureOf(code: string): ProcedureSettings;
  log: { info(message: string, data: Record<string, unknown>): void; warn(message: string, data: Record<string, unknown>): void };
}

export type PublicPorts = Pick<StaffPorts, 'cases' | 'directory' | 'clock' | 'documents'> & { citizen: CitizenPorts };

/** Who knocks: the source address (for the rate limit and the log) and the token the page sent. Never logged: the token. */
export interface PublicAttempt {
  sourceIp: string;
  token: string | undefined;
}

/** The rate limit, then the token: the case it opens for this purpose, while the link is valid. */
async function openCase(attempt: PublicAttempt, purpose: AccessPurpose, ports: PublicPorts): Promise<CaseRecord> {
  const { citizen } = ports;
  const now = ports.clock.now();
  const verdict = await checkAttempt(citizen.attempts, citizen.config.rateLimit, attempt.sourceIp, now);
  if (!verdict.allowed) {
    citizen.log.warn('citizen access refused', { purpose, reason: `rate limit (${verdict.scope})`, sourceIp: attempt.sourceIp });
    throw new TooManyAttempts(verdict.retryAfterSeconds);
  }
  const refuse = (reason: string, caseId?: string): never => {
    citizen.log.warn('citizen access refused', { purpose, reason, sourceIp: attempt.sourceIp, ...(caseId ? { caseId } : {}) });
    throw new NoSuchAccess();
  };
  if (!isWellFormedToken(attempt.token)) return refuse(attempt.token ? 'malformed token' : 'no token');
  const grant = await citizen.access.find(hashAccessToken(attempt.token));
  if (!grant) return refuse('unknown token');
  if (grant.purpose !== purpose) return refuse(`a ${grant.purpose} token used for ${purpose}`, grant.caseId);
  const record = await ports.cases.getCase(grant.caseId);
  if (!record) return refuse('the case of the token does not exist', grant.caseId);
  const validDays = purpose === 'status' ? citizen.config.statusLink.validDaysAfterClosing : citizen.config.survey.validDaysAfterClosing;
  if (!linkStillValid(record, validDays, now)) return refuse(`expired: the case closed ${record.closure?.at} and links last ${validDays} days`, grant.caseId);
  citizen.log.info('citizen access', { purpose, caseId: record.caseId, sourceIp: attempt.sourceIp });
  return record;
}

/** How long the links to the letters' PDFs last. */
export const CITIZEN_DOCUMENT_LINK_SECONDS = 5 * 60;

/** GET /public/case-status: where the case stands, for its requester. */
export async function caseStatusForCitizen(attempt: PublicAttempt, ports: PublicPorts): Promise<CitizenCaseStatus> {
  const record = await openCase(attempt, 'status', ports);
  const events = await ports.cases.listEvents(record.caseId);
  const now = ports.clock.now();
  const expiresAt = toVietnamIso(new Date(Date.now() + CITIZEN_DOCUMENT_LINK_SECONDS * 1000));
  const documents = await Promise.all(
    requesterDocuments(record).map(async (doc) => ({ name: doc.name, url: await ports.documents.signedGetUrl(doc, CITIZEN_DOCUMENT_LINK_SECONDS), expiresAt })),
  );
  return citizenCaseStatus({ record, events, directory: ports.directory, procedure: ports.citizen.procedureOf(record.procedure), now }, documents);
}

export interface SurveyInvitation {
  caseId: string;
  officeName: string;
  procedure: string;
  commentMaxLength: number;
  answered?: { rating: number; ratedAt: string };
}

/** GET /public/survey: what the rating page shows (and whether the case was rated already). */
export async function surveyForCitizen(attempt: PublicAttempt, ports: PublicPorts): Promise<SurveyInvitation> {
  const record = await openCase(attempt, 'survey', ports);
  const existing = await ports.citizen.surveys.ratingOf(record.caseId);
  return {
    caseId: record.caseId,
    officeName: ports.directory.offices.find((o) => o.code === record.office)?.name ?? record.office,
    procedure: ports.citizen.procedureOf(record.procedure).name,
    commentMaxLength: ports.citizen.config.survey.commentMaxLength,
    ...(existing ? { answered: { rating: existing.rating, ratedAt: existing.ratedAt } } : {}),
  };
}

/** POST /public/survey: records the rating once; the raw comment is kept as written (trimmed only at the ends). */
export async function rateForCitizen(attempt: PublicAttempt, body: unknown, ports: PublicPorts): Promise<{ caseId: string; rating: number; ratedAt: string }> {
  const record = await openCase(attempt, 'survey', ports);
  const parsed = ratingBody(ports.citizen.config.survey.commentMaxLength).safeParse(body ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    throw new InvalidRequest(`the rating is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const ratedAt = toVietnamIso(ports.clock.now());
  const comment = parsed.data.comment?.trim();
  try {
    await ports.citizen.surveys.rate({ caseId: record.caseId, office: record.office, procedure: record.procedure, rating: parsed.data.rating, ...(comment ? { comment } : {}), ratedAt });
  } catch (error) {
    if (error instanceof AlreadyRated) {
      ports.citizen.log.info('survey answered again, refused', { caseId: record.caseId, sourceIp: attempt.sourceIp });
      throw new SurveyAlreadyAnswered(error.existing.ratedAt);
    }
    throw error;
  }
  ports.citizen.log.info('survey answered', { caseId: record.caseId, rating: parsed.data.rating });
  return { caseId: record.caseId, rating: parsed.data.rating, ratedAt };
}
