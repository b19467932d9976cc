import officesJson from '../../config/offices.json';
import { parseOfficeDirectory, type OfficeDirectory } from './directory';

/**
 * The deployed office directory. It is bundled with each function at build time, so a change of
 * offices is an edit of config/offices.json and a deploy (no code change).
 */
export const officeDirectory: OfficeDirectory = parseOfficeDirectory(officesJson, 'config/offices.json');
