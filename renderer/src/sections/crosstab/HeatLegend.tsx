import { useTranslation } from 'react-i18next';
import type { CrosstabResult } from '../../../../main/contract/domains/crosstab';
import { heatSteps, type HeatRange } from './heat';
import { formatFigure } from './words';

/** What the heat map's colours mean, measure by measure: each is coloured over its own range. */
export function HeatLegend({ result, ranges }: { result: CrosstabResult; ranges: (HeatRange | null)[] }) {
  const { t } = useTranslation();
  return (
    <ul className="heat-legend" aria-label={t('crosstab.heatMap')}>
      {result.measures.map((measure, m) => {
        const range = ranges[m];
        if (!range) return null;
        const unit = result.units[m]!;
        return (
          <li key={measure}>
            <span className="heat-swatches" aria-hidden="true">
              {heatSteps.map((step) => (
                <span key={step.background} style={{ background: step.background }} />
              ))}
            </span>
            {t('crosstab.heatLegend', { measure: t(`crosstab.measure.${measure}`), low: formatFigure(unit, range.low), high: formatFigure(unit, range.high) })}
          </li>
        );
      })}
    </ul>
  );
}
