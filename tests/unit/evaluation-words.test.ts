import { describe, expect, it } from 'vitest';
import { evaluationVocabulary, reasonSentence } from '../../main/contract/evaluation-words';
import { reportWords } from '../../main/services/evaluation/report-words';
import { en } from '../../renderer/src/i18n/en';
import { sv } from '../../renderer/src/i18n/sv';

// One vocabulary for the evaluation: the screens (through the renderer's i18n) and the report
// (which the command line writes too) word a status, a value or a reason alike.

describe('the evaluation vocabulary', () => {
  it('is what the section’s screens and the report both say', () => {
    for (const [language, ui] of [['sv', sv], ['en', en]] as const) {
      const words = evaluationVocabulary[language];
      const report = reportWords[language];
      expect(ui.evaluations.status).toEqual(words.status);
      expect(report.status).toEqual(words.status);
      expect(ui.evaluations.grant.kinds).toEqual(report.kind);
      expect(ui.evaluations.grant.methods).toEqual(report.method);
      expect(ui.evaluations.grant.milestoneStatuses).toEqual(report.milestoneStatus);
      expect(ui.evaluations.reportKind).toEqual(report.reportKind);
      expect(ui.evaluations.grant.evidenceTypes).toEqual(report.evidence);
      expect(ui.evaluations.grant.levels).toEqual(report.level);
      expect(ui.evaluations.grant.followUp).toBe(report.followUp);
      expect(ui.evaluations.grant.baseline).toBe(report.baseline);
      expect(ui.evaluations.effect.eventTime).toBe(report.eventTime);
    }
  });

  it('words each status reason with its params, a report’s kind inside the sentence', () => {
    const overdue = { code: 'report_overdue' as const, params: { kind: 'final', dueOn: '2026-03-31', days: 245 } };
    expect(reasonSentence('sv', overdue)).toBe('Slutrapport skulle ha kommit in 2026-03-31 (245 dagar sen).');
    expect(reasonSentence('en', overdue)).toBe('The final report was due 2026-03-31 (245 days late).');
    const milestone = { code: 'milestone_overdue' as const, params: { title: 'Delrapport 2026', dueOn: '2026-10-27', days: 35 } };
    expect(reasonSentence('sv', milestone)).toBe('Milstolpen ”Delrapport 2026” skulle vara klar 2026-10-27 (35 dagar sen).');
    expect(reportWords.en.reasonText(milestone)).toBe('Milestone “Delrapport 2026” was due 2026-10-27 (35 days late).');
    const against = { code: 'indicator_against_target' as const, params: { indicator: 'N00914', name_sv: 'Förvärvsarbetande', name_en: 'Gainfully employed', place: 'Malmö' } };
    expect(reasonSentence('sv', against)).toBe('Indikatorn Förvärvsarbetande (N00914) i Malmö rör sig bort från sitt målvärde.');
    expect(reasonSentence('en', against)).toBe('Indicator Gainfully employed (N00914) in Malmö is moving away from its target.');
    // One day is singular in both languages.
    expect(reasonSentence('sv', { ...milestone, params: { ...milestone.params, days: 1 } })).toBe('Milstolpen ”Delrapport 2026” skulle vara klar 2026-10-27 (1 dag sen).');
    expect(reasonSentence('en', { ...overdue, params: { ...overdue.params, days: 1 } })).toBe('The final report was due 2026-03-31 (1 day late).');
    expect(reasonSentence('en', { code: 'on_schedule', params: {} })).toBe('Nothing is overdue and no indicator is moving away from its target.');
  });
});
