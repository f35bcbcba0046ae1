import { importFieldsByKind, type ImportField, type ImportKind, type ImportMapping } from '../../contract/calls';
import { columnLabels } from '../../contract/column-labels';
import { normalise } from '../../domain/recognise-labels';

// Other column headers agencies write for each field, Swedish then English (see the shared
// glossary); besides these, a field is recognised by its labels in the UI and its exports.
const otherNames: Record<ImportField, string[]> = {
  caseNumber: ['Dnr', 'Ärendenummer', 'Case no'],
  title: ['Projekttitel', 'Projektnamn', 'Rubrik', 'Project title'],
  summary: ['Beskrivning', 'Description'],
  organisation: ['Huvudsökande', 'Organisation', 'Organisationsnamn', 'Namn', 'Organisation name', 'Name'],
  orgNumber: ['Orgnr', 'Org.nr', 'Org nr', 'Org number'],
  applicantType: ['Organisationstyp', 'Type', 'Organisation type'],
  municipality: ['Kommunkod', 'Målkommun', 'Municipality code'],
  county: ['Länskod', 'County code'],
  callYear: ['Utlysningsår', 'Call year'],
  firstYear: ['Startår', 'Year'],
  lastYear: ['Slutår'],
  stage: [],
  status: [],
  requestedOre: ['Sökt', 'Requested amount'],
  grantedOre: ['Beviljat', 'Granted amount'],
  includesEvaluation: ['Med utvärdering', 'Följeforskning', 'Includes evaluation'],
  evaluationOre: ['Utvärderingsbudget'],
  receivedOn: ['Inkom', 'Inkommen datum', 'Received on'],
  decidedOn: ['Beslutad', 'Decided on'],
  conditions: [],
};

function namesOf(field: ImportField): string[] {
  const label: { sv: string; en: string; file?: string } = columnLabels[field];
  return [...(label.file ? [label.file] : []), label.sv, label.en, ...otherNames[field]];
}

/** The usual Swedish header of a field: what the command-line export writes, and what import recognises first. */
export function swedishHeader(field: ImportField): string {
  return namesOf(field)[0]!;
}

/** Maps each field of the kind to the first header that names it, Swedish or English. */
export function recogniseMapping(kind: ImportKind, headers: readonly string[]): ImportMapping {
  const byName = new Map(headers.map((header) => [normalise(header), header]));
  const mapping: ImportMapping = {};
  for (const field of importFieldsByKind[kind]) {
    const header = namesOf(field).map((name) => byName.get(normalise(name))).find((found) => found !== undefined);
    if (header !== undefined) mapping[field] = header;
  }
  return mapping;
}
