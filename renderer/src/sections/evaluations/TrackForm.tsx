import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantPage } from '../../../../main/contract/calls';
import { formatFigure } from '../../../../main/contract/figure';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { evaluationShows } from './shows';

interface Props {
  page: GrantPage;
  onSaved: () => void;
  onError: (error: unknown) => void;
}

/**
 * Follows one more indicator in the grant's municipality. The baseline is chosen among the years the
 * store has a value for, shown beside each year, and never typed; comparison places are suggested.
 */
export function TrackForm({ page, onSaved, onError }: Props) {
  const { t, i18n } = useTranslation();
  const geo = page.grant.municipalityCode;
  const definitions = useCall('indicators.list', {}, evaluationShows);
  const municipal = (definitions.data ?? []).filter((definition) => definition.levels.includes('municipality') && definition.periods.length > 0);
  const [indicator, setIndicator] = useState('AM0207AC');
  const [outcome, setOutcome] = useState(page.outcomes[0]?.id ?? 0);
  const [title, setTitle] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const series = useCall('indicators.profile', { geo: geo ?? '00', indicators: [indicator], sexes: ['T'] }, evaluationShows);
  const points = series.data?.series.find((line) => line.role === 'self')?.points ?? [];
  const baseline = points.find((point) => point.period === year) ?? points.filter((point) => point.period < page.grant.firstYear).at(-1);
  if (!page.plan || geo === null) return null;
  const planId = page.plan.id;

  const save = async () => {
    try {
      if (!baseline) return;
      const outcomeId = outcome !== 0 ? outcome : (await call('evaluation.save', { record: 'outcome', planId, title })).id;
      const { id } = await call('evaluation.save', { record: 'tracked', outcomeId, indicator, level: 'municipality', geo, baselineYear: baseline.period });
      await call('evaluation.save', { record: 'comparisons', trackedId: id, places: { suggest: 4 } });
      setTitle('');
      onSaved();
    } catch (caught) {
      onError(caught);
    }
  };
  return (
    <form
      className="track-form"
      aria-label={t('evaluations.track.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h4>{t('evaluations.track.title')}</h4>
      <label>
        {t('evaluations.track.outcome')}
        <select value={outcome} onChange={(event) => setOutcome(Number(event.target.value))}>
          {page.outcomes.map((row) => (
            <option key={row.id} value={row.id}>
              {row.title}
            </option>
          ))}
          <option value={0}>{t('evaluations.track.newOutcome')}</option>
        </select>
      </label>
      {outcome === 0 && (
        <label>
          {t('evaluations.track.outcomeTitle')}
          <input value={title} maxLength={500} required onChange={(event) => setTitle(event.target.value)} />
        </label>
      )}
      <label>
        {t('evaluations.indicator')}
        <select value={indicator} onChange={(event) => (setIndicator(event.target.value), setYear(null))}>
          {municipal.map((definition) => (
            <option key={definition.code} value={definition.code}>
              {i18n.language === 'en' ? definition.nameEn : definition.nameSv}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('evaluations.grant.baseline')}
        <select value={baseline?.period ?? ''} onChange={(event) => setYear(Number(event.target.value))} disabled={points.length === 0}>
          {points.map((point) => (
            <option key={point.period} value={point.period}>
              {t('evaluations.grant.valueYear', { value: formatFigure(point.value), year: point.period })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!baseline || (outcome === 0 && title.trim() === '')}>
        {t('evaluations.track.save')}
      </button>
      <p className="hint">{t('evaluations.track.hint')}</p>
    </form>
  );
}
