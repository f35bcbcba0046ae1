// Why an importer rejected a row (or an edit a field), as a stable code and the values it names, with
// its English sentence. The CLI and --json print that sentence (main/domain/reject-reasons.ts renders
// it), the English UI shows it as it is (renderer/src/i18n/rejects.en.ts), and the Swedish UI
// translates it with the same `{{name}}` placeholders (rejects.sv.ts): no reason is written twice.
export const rejectReasons = {
  // Cells of the register's files.
  orgNumberInvalid: '"{{text}}" is not a valid organisation number (NNNNNN-NNNN with a correct check digit)',
  statusUnknown: '"{{text}}" is not a known status',
  stageUnknown: '"{{text}}" is not a known stage',
  applicantTypeUnknown: '"{{text}}" is not a known applicant type',
  notAnAmount: '"{{text}}" is not an amount',
  negativeAmount: 'An amount cannot be negative',
  amountTooLarge: 'An amount cannot exceed {{max}} kr',
  textTooLong: 'The text is longer than {{max}} characters',
  controlCharacter: 'The text holds a control character (such as NUL) that cannot be stored',
  notAYear: '"{{text}}" is not a year',
  yearOutOfRange: '{{year}} is outside 2000–2100',
  notADate: '"{{text}}" is not a date (YYYY-MM-DD)',
  notYesOrNo: '"{{text}}" is neither yes nor no',
  municipalityUnknown: '"{{text}}" is not a Swedish municipality',
  countyUnknown: '"{{text}}" is not a Swedish county',
  // Rows of the register's files.
  organisationNameAmbiguous: 'Several organisations are named "{{name}}"; give the organisation number',
  organisationMissing: 'Neither an organisation number nor a name is given',
  newOrganisationNeedsName: 'The organisation {{orgNumber}} is new and needs a name',
  newOrganisationNeedsType: 'The organisation "{{name}}" is new and needs a type',
  caseNumberMissing: 'The case number (diarienummer) is missing',
  applicationUnknown: 'There is no application {{caseNumber}}; import the applications first',
  decisionDateMissing: 'The decision date is missing',
  grantedAmountMissing: 'The granted amount is missing',
  severalCallsInYear: 'There are several calls in {{year}}; import into one of them by editing after import',
  newApplicationNeedsApplicant: 'A new application needs its applicant',
  newApplicationNeedsYear: 'A new application needs its year',
  newApplicationNeedsStage: 'A new application needs its stage',
  newApplicationNeedsRequested: 'A new application needs its requested amount',
  lastYearBeforeFirst: 'The last year is before the first year',
  severalDecisions: 'The application has {{count}} decisions; import them as a decisions file',
  evaluationOverRequested: 'The evaluation budget cannot exceed the requested amount',
  // Indicator values.
  indicatorUnknown: 'unknown indicator "{{code}}"',
  geographyUnknown: 'unknown geography code "{{code}}"',
  levelNotPublished: 'indicator {{indicator}} is not published for the level {{level}}',
  notASex: '"{{text}}" is not a sex (T, K or M)',
  noSexBreakdown: 'indicator {{indicator}} has no breakdown by sex',
  notANumber: '"{{text}}" is not a number',
  numberTooLarge: '"{{text}}" is too large a number to store',
  duplicateValue: 'a second value for {{indicator}}, {{geo}}, {{year}}, {{sex}} in the same file',
  koladaRecordInvalid: 'not a Kolada value record (kpi, municipality, period, values)',
  placeNameDisagrees: 'the file calls {{code}} "{{label}}", but {{code}} is {{name}}',
  // Statistical areas.
  areaCodeInvalid: '"{{code}}" is neither a DeSO nor a RegSO code',
  areaMunicipalityUnknown: 'no municipality {{municipality}} for area {{area}}',
  regsoInvalid: '"{{code}}" is not a RegSO a DeSO can belong to',
  areaTypeInvalid: '"{{text}}" is not an area type 1–5',
  areaTypeOnDeso: 'area types are given to RegSOs; a DeSO has its RegSO’s',
  areaTypeNeedsYear: 'an area type needs a year and a year an area type',
  duplicateArea: 'a second row for {{area}}',
  duplicateAreaYear: 'a second row for {{area}} in {{year}}',
  regsoUnknown: 'RegSO {{code}} is neither in the file nor in the store',
  // Indicator definitions.
  indicatorCodeInvalid: '"{{code}}" is not an indicator code (letters, digits, _)',
  duplicateDefinition: 'a second row for {{code}}',
  nameEmpty: 'the name is empty',
  unitEmpty: 'the unit is empty',
  directionInvalid: '"{{text}}" is not högre or lägre',
  sexesInvalid: '"{{text}}" is neither T nor TKM',
  levelsInvalid: 'levels are {{allowed}}, not "{{text}}"',
  kpiRecordInvalid: 'not a Kolada KPI record (id, title)',
} as const;

export type RejectCode = keyof typeof rejectReasons;

type Placeholders<T extends string> = T extends `${string}{{${infer Name}}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The values a code's sentence names, checked by tsc against its placeholders; nothing for a sentence without any. */
export type ParamsOf<C extends RejectCode> = [Placeholders<(typeof rejectReasons)[C]>] extends [never]
  ? []
  : [Record<Placeholders<(typeof rejectReasons)[C]>, string | number>];
