import { procedureByCode, type ProcedureCatalog } from '../procedures/catalog';
import type { ProcedureFlow } from '../cases/model';

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
    afterCutoff: procedure.afterCutoff,
    warningFraction: procedure.warningFraction,
    bringToAppointment: procedure.bringToAppointment,
    apologyExtensionWorkingDays: procedure.apologyExtensionWorkingDays,
  };
}
