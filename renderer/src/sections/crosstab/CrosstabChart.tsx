import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { crosstabLayout } from '../../../../main/contract/crosstab-layout';
import type { CrosstabResult } from '../../../../main/contract/domains/crosstab';
import { EChart, type ChartInstance } from '../../components/EChart';
import { chartKinds, chartOf, type ChartKind } from './chart-option';
import { formatFigure } from './words';

/** A chart of what the table shows, of the kind the user picks. */
export function CrosstabChart({ result, title }: { result: CrosstabResult; title: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ChartKind>('bar');
  const chart = useRef<ChartInstance | null>(null);
  const spec = useMemo(() => chartOf(result, crosstabLayout(result), kind, t), [result, kind, t]);
  const format = useMemo(() => (value: number) => formatFigure(spec.unit, value), [spec.unit]);

  return (
    <section className="crosstab-chart" aria-labelledby="crosstab-chart-title">
      <div className="toolbar">
        <h2 id="crosstab-chart-title">{t('crosstab.chart.title')}</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('crosstab.chart.kind')}</legend>
          {chartKinds.map((one) => (
            <label key={one}>
              <input type="radio" name="crosstab-chart-kind" value={one} checked={kind === one} onChange={() => setKind(one)} />
              {t(`crosstab.chart.kinds.${one}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <EChart
        option={spec.option}
        title={title}
        unit={t(`crosstab.unit.${spec.unit}`)}
        source={t('crosstab.chart.source')}
        format={format}
        height={kind === 'heatmap' ? 420 : 340}
        onInstance={(instance) => (chart.current = instance)}
      />
    </section>
  );
}
