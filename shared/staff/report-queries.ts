import * as z from 'zod';

/**
 * The queries of the exports and reports (shared/staff/exports.ts): the API's contract reads them at start,
 * while the code that builds the files is loaded with the first request for one.
 */

const CODE = /^[A-Z][A-Z0-9]{1,15}$/;

const periodQuery = {
  period: z.string().max(40).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  basis: z.enum(['calendar', 'administrative']).optional(),
  office: z.string().regex(CODE, 'an office code such as HCMKV1').optional(),
  province: z.string().regex(CODE, 'a province code such as HCM').optional(),
};

export const exportQuery = z.strictObject({ ...periodQuery, format: z.enum(['csv', 'json']).default('csv') });
export const reportQuery = z.strictObject({ ...periodQuery, format: z.enum(['xlsx', 'csv', 'json']).default('xlsx') });
/** The satisfaction results (shared/citizen/satisfaction.ts): the report's scope and period, as JSON. */
export const satisfactionQuery = z.strictObject(periodQuery);
