import * as z from 'zod';
import type { OfficeDirectory } from '../offices/directory';
import type { ProcedureCatalog } from '../procedures/catalog';

/**
 * What the staff console offers to pick from, read from the deployed configuration: the offices
 * (to refer a request, to choose a search), each procedure's required items (what to ask the
 * requester for) and its legal basis (what a refusal cites). Contact addresses stay out: staff
 * pick by code and name.
 */
export const consoleReferenceSchema = z.strictObject({
  offices: z.array(
    z.strictObject({ code: z.string(), name: z.string(), level: z.enum(['province', 'regional']), province: z.string(), parent: z.string().optional() }),
  ),
  procedures: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      requiredItems: z.array(z.strictObject({ id: z.string(), label: z.string(), required: z.boolean() })),
      legalBasis: z.array(z.strictObject({ citation: z.string(), verify: z.boolean() })),
      /** What the requester brings to the appointment: the originals the officer checks at the visit. */
      bringToAppointment: z.array(z.string()),
    }),
  ),
});
export type ConsoleReference = z.infer<typeof consoleReferenceSchema>;

export function consoleReference(directory: OfficeDirectory, catalog: ProcedureCatalog): ConsoleReference {
  return {
    offices: directory.offices.map((o) => ({ code: o.code, name: o.name, level: o.level, province: o.province, ...(o.parent ? { parent: o.parent } : {}) })),
    procedures: catalog.procedures.map((p) => ({
      code: p.code,
      name: p.name,
      requiredItems: p.requiredItems.map((i) => ({ id: i.id, label: i.label, required: i.required })),
      legalBasis: p.legalBasis.map((c) => ({ citation: c.citation, verify: c.verify })),
      bringToAppointment: p.bringToAppointment ?? [],
    })),
  };
}
