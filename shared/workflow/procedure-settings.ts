import { procedureByCode, type ProcedureCatalog } from '../procedures/catalog';
import type { ProcedureFlow } from '../cases/model';
import type { CountingRule } from '../calendar';

/** A time limit as the workflow computes it: a number of working days and the rule it is counted by. */
export interface TimeLimit {
  workingDays: number;
  counting: CountingRule;
}

/** What the workflow needs to know of a procedure: its flow and its limits (data from the catalog). */
export interface ProcedureSettings {
  code: string;
  /** Vietnamese name, as the forms write it. */
  name: string;
  flow: ProcedureFlow;
  /** What the result is, in Vietnamese (e.g. "Quyết định thi hành án"). */
  result: string;
  /** What the result is and is not, in a sentence or two for the requester (the catalog's result.explanation). */
  resultExplanation: string;
  /** What the requester sends, as running text says it: "yêu cầu thi hành án", "đơn khiếu nại". */
  requestName: string;
  reviewWorkingDays: number;
  resultWorkingDays: number;
  requesterReplyWorkingDays: number;
  procuracyCopyWorkingDays?: number;
  /** Each limit with its counting rule, from the catalog: what the workflow computes deadlines from. */
  limits: { review: TimeLimit; result: TimeLimit; refusal: TimeLimit; requesterReply: TimeLimit; procuracyCopy?: TimeLimit };
  /** The agency's one-stop cut-off, "HH:MM". */
  afterCutoff?: string;
  warningFraction: number;
  /** What the requester brings to the in-person receipt. */
  bringToAppointment: string[];
  /** A late result's new date, in working days after the breach (the apology, form 04). */
  apologyExtensionWorkingDays: number;
}

export class UnknownProcedure extends Error {
  override readonly name = 'UnknownProcedure';
}

/** The workflow's view of a catalog procedure. */
export function procedureSettings(catalog: ProcedureCatalog, code: string): ProcedureSettings {
  const procedure = procedureByCode(catalog, code);
  if (!procedure) throw new UnknownProcedure(`procedure ${code} is not in the procedure catalog`);
  return {
    code: procedure.code,
    name: procedure.name,
    flow: procedure.flow,
    result: procedure.result.name,
    resultExplanation: procedure.result.explanation,
    requestName: procedure.requestName,
    reviewWorkingDays: procedure.reviewWorkingDays,
    resultWorkingDays: procedure.resultWorkingDays,
    requesterReplyWorkingDays: procedure.requesterReplyWorkingDays,
    ...(procedure.procuracyCopyWorkingDays ? { procuracyCopyWorkingDays: procedure.procuracyCopyWorkingDays } : {}),
    limits: {
      review: { workingDays: procedure.reviewWorkingDays, counting: procedure.counting.reviewWorkingDays },
      result: { workingDays: procedure.resultWorkingDays, counting: procedure.counting.resultWorkingDays },
      refusal: { workingDays: procedure.refusalWorkingDays, counting: procedure.counting.refusalWorkingDays },
      requesterReply: { workingDays: procedure.requesterReplyWorkingDays, counting: procedure.counting.requesterReplyWorkingDays },
      ...(procedure.procuracyCopyWorkingDays && procedure.counting.procuracyCopyWorkingDays
        ? { procuracyCopy: { workingDays: procedure.procuracyCopyWorkingDays, counting: procedure.counting.procuracyCopyWorkingDays } }
        : {}),
    },
    afterCutoff: procedure.afterCutoff,
    warningFraction: procedure.warningFraction,
    bringToAppointment: procedure.bringToAppointment,
    apologyExtensionWorkingDays: procedure.apologyExtensionWorkingDays,
  };
}
