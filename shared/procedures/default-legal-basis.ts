import legalBasisJson from '../../config/legal-basis.json';
import { parseLegalBasis, type LegalBasisData } from './legal-basis';

/** The deployed legal basis, bundled like the catalog: a confirmed article is an edit of config/legal-basis.json and a deploy. */
export const legalBasis: LegalBasisData = parseLegalBasis(legalBasisJson, 'config/legal-basis.json');
