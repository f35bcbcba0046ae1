import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { crosstabLayout } from '../../../../main/contract/crosstab-layout';
import type { CrosstabResult } from '../../../../main/contract/domains/crosstab';
import { call } from '../../api/client';
import { EChart, type ChartInstance } from '../../components/EChart';
import { chartImage } from './chart-export';
import { chartKinds, chartOf, type ChartKind } from './chart-option';
import { formatFigure } from './words';

interface Props {
  result: CrosstabResult;
  title: string;
  onError: (error: unknown) => void;
}

/** A chart of what the table shows, of the kind the user picks, saved as PNG or SVG. */
export function CrosstabChart({ result, title, onError }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ChartKind>('bar');
  const [notice, setNotice] = useState('');
  const chart = useRef<ChartInstance | null>(null);
  const spec = useMemo(() => chartOf(result, crosstabLayout(result), kind, t), [result, kind, t]);
  const format = useMemo(() => (value: number) => formatFigure(spec.unit, value), [spec.unit]);

  const save = async (format: 'png' | 'svg') => {
    setNotice('');
    try {
      const picked = await call('files.pick', { purpose: 'export', extensions: [format], suggestedName: `korstabell.${format}` });
      if (!picked || !chart.current) return;
      const words = { title, unit: t('chart.unit', { unit: t(`crosstab.unit.${spec.unit}`) }), source: t('chart.source', { source: t('crosstab.chart.source') }) };
      await call('files.writeExport', { fileId: picked.fileId, kind: format, data: await chartImage(chart.current, format, words) });
      setNotice(t('crosstab.chart.saved', { name: picked.name }));
    } catch (error) {
      onError(error);
    }
  };

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
        <button type="button" onClick={() => void save('png')}>
          {t('crosstab.chart.png')}
        </button>
        <button type="button" onClick={() => void save('svg')}>
          {t('crosstab.chart.svg')}
        </button>
        {notice && <span role="status">{notice}</span>}
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
