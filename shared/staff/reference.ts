import type { OfficeDirectory } from '../offices/directory';
import type { ProcedureCatalog } from '../procedures/catalog';

/**
 * What the staff console offers to pick from, read from the deployed configuration: the offices
 * (to refer a request, to choose a search), each procedure's required items (what to ask the
 * requester for) and its legal basis (what a refusal cites). Contact addresses stay out: staff
 * pick by code and name.
 */
export interface ConsoleReference {
  offices: Array<{ code: string; name: string; level: 'province' | 'regional'; province: string; parent?: string }>;
  procedures: Array<{
    code: string;
    name: string;
    requiredItems: Array<{ id: string; label: string; required: boolean }>;
    legalBasis: Array<{ citation: string; verify: boolean }>;
  }>;
}

export function consoleReference(directory: OfficeDirectory, catalog: ProcedureCatalog): ConsoleReference {
  return {
    offices: directory.offices.map((o) => ({ code: o.code, name: o.name, level: o.level, province: o.province, ...(o.parent ? { parent: o.parent } : {}) })),
    procedures: catalog.procedures.map((p) => ({
      code: p.code,
      name: p.name,
      requiredItems: p.requiredItems.map((i) => ({ id: i.id, label: i.label, required: i.required })),
      legalBasis: p.legalBasis.map((c) => ({ citation: c.citation, verify: c.verify })),
    })),
  };
}
