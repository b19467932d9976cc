/**
 * The procedures of the one-stop desk (Quyết định 537/QĐ-TCTHADS) and the levels of the reporting form of
 * Công văn 1639/TCTHADS-NV3, in the order the form lists them.
 */
import type { Office } from '../offices/directory';

export const ONE_STOP_PROCEDURES = [
  'enforcement-request',
  'result-confirmation',
  'officer-change',
  'coercion-cost-reduction',
  'fee-reduction',
] as const;

export type OneStopProcedureCode = (typeof ONE_STOP_PROCEDURES)[number];

/**
 * The procedures as the Cà Mau notice (seed 003) lists those under the one-stop mechanism; the form of seed
 * 004 leaves a blank "Thủ tục" line for each. Seed 002 words them slightly differently ("Quyết định THADS theo
 * đơn yêu cầu", "đề nghị xét miễn, giảm phí cưỡng chế THADS"): same procedures.
 */
export const PROCEDURE_NAMES: Readonly<Record<OneStopProcedureCode, string>> = {
  'enforcement-request': 'Quyết định thi hành án theo yêu cầu',
  'result-confirmation': 'Xác nhận kết quả thi hành án',
  'officer-change': 'Yêu cầu thay đổi Chấp hành viên',
  'coercion-cost-reduction': 'Đề nghị miễn, giảm chi phí cưỡng chế thi hành án',
  'fee-reduction': 'Đề nghị miễn, giảm phí thi hành án',
};

export class UnknownProcedure extends Error {
  override readonly name = 'UnknownProcedure';
}

export function isOneStopProcedure(code: string): code is OneStopProcedureCode {
  return (ONE_STOP_PROCEDURES as readonly string[]).includes(code);
}

export function oneStopProcedure(code: string): OneStopProcedureCode {
  if (!isOneStopProcedure(code)) {
    throw new UnknownProcedure(`"${code}" is not a one-stop procedure; expected one of ${ONE_STOP_PROCEDURES.join(', ')}`);
  }
  return code;
}

export type OfficeLevel = Office['level'];

/** The form's sections: I for the agency that issues decisions, II for the offices under it. */
export const REPORT_LEVELS: readonly OfficeLevel[] = ['province', 'regional'];

export interface LevelHeading {
  /** The section number the form gives it. */
  stt: 'I' | 'II';
  /** The section's name since the reorganisation of 1/7/2025. */
  name: string;
}

/**
 * The form (2017) names its sections "Tại Cục THADS" and "Tại Chi cục THADS ⁽¹⁾". Since 1/7/2025 the Cục
 * THADS of a province became Thi hành án dân sự tỉnh, thành phố and the district Chi cục became regional
 * offices (Phòng Thi hành án dân sự khu vực): the rows keep their place, the names follow the new offices.
 */
export const LEVEL_HEADINGS: Readonly<Record<OfficeLevel, LevelHeading>> = {
  province: { stt: 'I', name: 'Tại Thi hành án dân sự tỉnh, thành phố' },
  regional: { stt: 'II', name: 'Tại Phòng Thi hành án dân sự khu vực ⁽¹⁾' },
};

/** The form's footnote ⁽¹⁾, in today's names (was: "Cục THADS tổng hợp số liệu của các Chi cục THADS trực thuộc"). */
export const REGIONAL_FOOTNOTE = '⁽¹⁾ Thi hành án dân sự tỉnh, thành phố tổng hợp số liệu của các Phòng Thi hành án dân sự khu vực trực thuộc.';

/** A level in one word or two, for lists (the ledger of cases, exports). */
export const LEVEL_SHORT_NAMES: Readonly<Record<OfficeLevel, string>> = {
  province: 'Tỉnh, thành phố',
  regional: 'Khu vực',
};
