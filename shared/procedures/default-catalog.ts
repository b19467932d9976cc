import proceduresJson from '../../config/procedures.json';
import { parseProcedureCatalog, type ProcedureCatalog } from './catalog';

/**
 * The deployed procedure catalog. It is bundled with each function at build time, so a corrected time
 * limit or a new keyword is an edit of config/procedures.json and a deploy (no code change).
 */
export const procedureCatalog: ProcedureCatalog = parseProcedureCatalog(proceduresJson, 'config/procedures.json');
