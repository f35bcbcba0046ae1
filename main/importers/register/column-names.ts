import { importFieldsByKind, type ImportField, type ImportKind, type ImportMapping } from '../../contract/calls';
import { normalise } from '../../domain/value-labels';

// Column headers as agencies and Grantlens's own exports name them, Swedish and English.
const names: Record<ImportField, string[]> = {
  caseNumber: ['Diarienummer', 'Dnr', 'Ärendenummer', 'Case number', 'Case no'],
  title: ['Titel', 'Projekttitel', 'Projektnamn', 'Rubrik', 'Title', 'Project title'],
  summary: ['Sammanfattning', 'Beskrivning', 'Summary', 'Description'],
  organisation: ['Sökande', 'Huvudsökande', 'Organisation', 'Organisationsnamn', 'Namn', 'Applicant', 'Organisation name', 'Name'],
  orgNumber: ['Organisationsnummer', 'Orgnr', 'Org.nr', 'Org nr', 'Organisation number', 'Org number'],
  applicantType: ['Typ', 'Sökandetyp', 'Organisationstyp', 'Type', 'Applicant type', 'Organisation type'],
  municipality: ['Kommun', 'Kommunkod', 'Målkommun', 'Municipality', 'Municipality code'],
  county: ['Län', 'Länskod', 'County', 'County code'],
  callYear: ['Utlysning', 'Utlysningsår', 'Call', 'Call year'],
  firstYear: ['År', 'Första år', 'Startår', 'Year', 'First year'],
  lastYear: ['Sista år', 'Slutår', 'Last year'],
  stage: ['Steg', 'Stage'],
  status: ['Status'],
  requestedOre: ['Sökt belopp', 'Sökt', 'Requested', 'Requested amount'],
  grantedOre: ['Beviljat belopp', 'Beviljat', 'Granted', 'Granted amount'],
  includesEvaluation: ['Utvärdering', 'Med utvärdering', 'Följeforskning', 'Evaluation', 'Includes evaluation'],
  evaluationOre: ['Utvärderingsbudget', 'Budget för utvärdering', 'Evaluation budget'],
  receivedOn: ['Inkommen', 'Inkom', 'Inkommen datum', 'Received', 'Received on'],
  decidedOn: ['Beslutsdatum', 'Beslutad', 'Decided on', 'Decision date'],
  conditions: ['Villkor', 'Conditions'],
};

/** The usual Swedish header of a field: what the command-line export writes, and what import recognises first. */
export function swedishHeader(field: ImportField): string {
  return names[field][0]!;
}

/** Maps each field of the kind to the first header that names it, Swedish or English. */
export function recogniseMapping(kind: ImportKind, headers: readonly string[]): ImportMapping {
  const byName = new Map(headers.map((header) => [normalise(header), header]));
  const mapping: ImportMapping = {};
  for (const field of importFieldsByKind[kind]) {
    const header = names[field].map((name) => byName.get(normalise(name))).find((found) => found !== undefined);
    if (header !== undefined) mapping[field] = header;
  }
  return mapping;
}
