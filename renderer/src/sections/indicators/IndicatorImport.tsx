import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary, IndicatorDefinition, PickedFile, StoreInfo } from '../../../../main/contract/calls';
import { call } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RejectsTable } from '../../components/RejectsTable';
import { importCounts } from '../../i18n/counts';
import { UnknownIndicators, type IndicatorChoice } from './UnknownIndicators';

interface Props {
  /** The store's indicators, for saying which one a file named in words is. */
  definitions: IndicatorDefinition[];
  busy: boolean;
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
}

const kinds = ['values', 'definitions', 'areas'] as const;
type Kind = (typeof kinds)[number];
const callOf = { values: 'indicators.import', definitions: 'indicators.importDefinitions', areas: 'areas.import' } as const;

/** Choose an indicator file, check it (a dry run lists every rejected row), then import it in one go. */
export function IndicatorImport({ definitions, busy, onRun }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('values');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [strict, setStrict] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [choice, setChoice] = useState<IndicatorChoice>({ defineIndicators: false });

  // Errors are shown here, beside the import that raised them, and go with the tab or the next action.
  const [failure, setFailure] = useState<unknown>(null);
  const attempt = (action: () => Promise<StoreInfo | null>) =>
    onRun(async () => {
      setFailure(null);
      try {
        return await action();
      } catch (caught) {
        setFailure(caught);
        return null;
      }
    });
  const check = async (dryRun: boolean, chosen: PickedFile, given = choice) => {
    setSummary(null);
    const args = { fileId: chosen.fileId, dryRun, strict };
    const result = await (kind === 'values' ? call('indicators.import', { ...args, ...given }) : call(callOf[kind], args));
    setSummary(result);
    return dryRun || result.abandoned ? null : call('store.info', {});
  };
  const start = (dryRun: boolean, chosen: PickedFile | null) => attempt(async () => (chosen ? check(dryRun, chosen) : null));
  const rechoose = (next: IndicatorChoice) => {
    setChoice(next);
    return attempt(async () => (file ? check(true, file, next) : null));
  };
  // A chosen file is checked at once (a dry run), as the register's import does.
  const choose = () =>
    attempt(async () => {
      setSummary(null);
      const picked = await call('files.pick', { purpose: 'import', extensions: kind === 'areas' ? ['csv', 'xlsx'] : ['csv', 'xlsx', 'json'] });
      setFile(picked);
      // A new file starts with nothing said about it.
      const fresh: IndicatorChoice = { defineIndicators: false };
      setChoice(fresh);
      return picked ? check(true, picked, fresh) : null;
    }).then(() => undefined);

  return (
    <div className="indicator-view">
      <fieldset className="controls">
        <legend>{t('indicators.import.kind')}</legend>
        {kinds.map((candidate) => (
          <label key={candidate} className="check">
            <input
              type="radio"
              name="indicator-import-kind"
              checked={kind === candidate}
              onChange={() => {
                setKind(candidate);
                setFile(null);
                setSummary(null);
                setFailure(null);
              }}
            />
            {t(`indicators.import.kinds.${candidate}`)}
          </label>
        ))}
      </fieldset>
      <p>{t(`indicators.import.intros.${kind}`)}</p>
      <div className="controls">
        <button type="button" onClick={choose} disabled={busy}>
          {t('indicators.import.choose')}
        </button>
        <label className="check">
          <input type="checkbox" checked={strict} onChange={(event) => setStrict(event.target.checked)} />
          {t('indicators.import.strict')}
        </label>
        <button type="button" onClick={() => start(true, file)} disabled={busy || !file}>
          {t('indicators.import.dryRun')}
        </button>
        <button type="button" className="primary" onClick={() => start(false, file)} disabled={busy || !file}>
          {t('indicators.import.run')}
        </button>
      </div>
      {file && <p>{t('indicators.import.file', { name: file.name })}</p>}
      {failure !== null && <ErrorBanner error={failure} onDismiss={() => setFailure(null)} />}
      {summary && (
        <div role="status" data-testid="indicator-import-summary">
          <p>
            {t('indicators.import.summary', importCounts(t, summary))}{' '}
            {summary.dryRun ? t('indicators.import.checked') : summary.abandoned ? t('indicators.import.abandoned') : t('indicators.import.saved')}
          </p>
          {kind === 'values' && <UnknownIndicators summary={summary} definitions={definitions} choice={choice} busy={busy} onChoose={(next) => void rechoose(next)} />}
          <RejectsTable summary={summary} />
        </div>
      )}
    </div>
  );
}
