import type { ApplicantType, Stage, Status } from '../contract/calls';

// The words agencies write in their files and that exports show, Swedish first (see the shared
// glossary). The first Swedish and English label of each value is the one the UI shows and an
// export writes; the importer recognises them all.

export const statusLabels: Record<Status, { sv: string[]; en: string[] }> = {
  received: { sv: ['Inkommen', 'Mottagen'], en: ['Received'] },
  in_review: { sv: ['Under handläggning', 'Handläggs'], en: ['In review'] },
  granted: { sv: ['Beviljad', 'Beviljat', 'Bifall'], en: ['Granted'] },
  partly_granted: { sv: ['Delvis beviljad', 'Delvis bifall'], en: ['Partly granted'] },
  rejected: { sv: ['Avslag', 'Avslagen', 'Avslås'], en: ['Rejected'] },
  withdrawn: { sv: ['Återkallad', 'Återtagen'], en: ['Withdrawn'] },
};

export const stageLabels: Record<Stage, { sv: string[]; en: string[] }> = {
  survey: { sv: ['Kartläggning'], en: ['Survey', 'Mapping'] },
  needs_analysis: { sv: ['Behovsanalys'], en: ['Needs analysis'] },
  plan: { sv: ['Plan för fortsatt arbete', 'Plan'], en: ['Plan for continued work', 'Plan'] },
  long_term: { sv: ['Långsiktiga åtgärder', 'Insats', 'Långsiktig åtgärd'], en: ['Long-term measures', 'Intervention'] },
  evaluation: { sv: ['Utvärdering', 'Följeforskning'], en: ['Evaluation', 'Follow-research'] },
};

export const applicantTypeLabels: Record<ApplicantType, { sv: string[]; en: string[] }> = {
  municipality: { sv: ['Kommun'], en: ['Municipality'] },
  region: { sv: ['Region', 'Landsting'], en: ['Region'] },
  municipal_federation: { sv: ['Kommunalförbund', 'Samordningsförbund'], en: ['Municipal federation'] },
  non_profit: { sv: ['Ideell förening', 'Förening'], en: ['Non-profit association', 'Non-profit'] },
  foundation: { sv: ['Stiftelse'], en: ['Foundation'] },
  other: { sv: ['Annan', 'Övrig'], en: ['Other'] },
};

export const yesNo = { sv: ['Ja', 'Nej'], en: ['Yes', 'No'] } as const;

export function labelOf<K extends string>(labels: Record<K, { sv: string[]; en: string[] }>, key: K, language: 'sv' | 'en'): string {
  return labels[key][language][0]!;
}

/** Each value's label in one language, as the renderer's translations hold them. */
export function labelsIn<K extends string>(labels: Record<K, { sv: string[]; en: string[] }>, language: 'sv' | 'en'): Record<K, string> {
  return Object.fromEntries((Object.keys(labels) as K[]).map((key) => [key, labelOf(labels, key, language)])) as Record<K, string>;
}
