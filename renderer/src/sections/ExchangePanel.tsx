import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeConflict, ExchangeScope, ExchangeSummary, PickedFile, StoreInfo } from '../../../main/contract/calls';
import { exchangeScopes } from '../../../main/contract/calls';
import { call } from '../api/client';
import { useCall } from '../api/use-call';
import { formatNumber } from '../format';
import { useIndicatorName } from './indicators/choices';

interface Props {
  busy: boolean;
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
}

const conflictId = (conflict: ExchangeConflict) => `${conflict.key}\u0000${conflict.field}`;
const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const shown = (value: ExchangeConflict['mine']) => (value === null ? '–' : typeof value === 'number' ? formatNumber(value) : value);

/** The indicators an `indicators` package carries: those ticked, or every one when none is. */
function IndicatorPicker({ chosen, onChange }: { chosen: readonly string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const { data } = useCall('indicators.list', {}, ['indicators']);
  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));
  return (
    <fieldset className="indicators">
      <legend>{t('exchange.indicators')}</legend>
      <p className="hint">{t('exchange.indicatorsHint')}</p>
      {(data ?? []).map((definition) => (
        <label key={definition.code}>
          <input type="checkbox" checked={chosen.includes(definition.code)} onChange={(event) => toggle(definition.code, event.target.checked)} />
          {definition.code} {name(definition)}
        </label>
      ))}
    </fieldset>
  );
}

/** Exchange with another laptop: export a package; import one, see what the merge would do, settle conflicts, merge. */
export function ExchangePanel({ busy, onRun }: Props) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<ExchangeScope>('evaluation');
  const [caseNumber, setCaseNumber] = useState('');
  const [indicators, setIndicators] = useState<string[]>([]);
  const [passphrase, setPassphrase] = useState('');
  const [exported, setExported] = useState<{ records: number; values: number } | null>(null);
  const [pending, setPending] = useState<{ file: PickedFile; preview: ExchangeSummary } | null>(null);
  const [takes, setTakes] = useState<Record<string, 'mine' | 'theirs'>>({});
  const [merged, setMerged] = useState<ExchangeSummary | null>(null);

  const exportPackage = () =>
    onRun(async () => {
      setExported(null);
      const file = await call('files.pick', { purpose: 'export', extensions: ['glx'], suggestedName: 'grantlens.glx' });
      if (!file) return null;
      const result = await call('exchange.export', {
        scope,
        caseNumber: scope === 'evaluation' ? caseNumber : undefined,
        indicators: scope === 'indicators' && indicators.length > 0 ? indicators : undefined,
        fileId: file.fileId,
        passphrase,
      });
      setExported({ records: result.records, values: result.values });
      return null;
    });
  const choosePackage = () =>
    onRun(async () => {
      setPending(null);
      setMerged(null);
      const file = await call('files.pick', { purpose: 'import', extensions: ['glx'] });
      if (!file) return null;
      const preview = await call('exchange.import', { fileId: file.fileId, passphrase, dryRun: true });
      setPending({ file, preview });
      setTakes(Object.fromEntries(preview.conflicts.map((conflict) => [conflictId(conflict), conflict.taken])));
      return null;
    });
  const merge = () =>
    onRun(async () => {
      if (!pending) return null;
      const choices = pending.preview.conflicts.map((conflict) => ({ key: conflict.key, field: conflict.field, take: takes[conflictId(conflict)] ?? conflict.taken }));
      const result = await call('exchange.import', { fileId: pending.file.fileId, passphrase, choices });
      setPending(null);
      setMerged(result);
      return call('store.info', {});
    });

  const passphraseOk = passphrase.length >= 8;
  const fieldLabel = (conflict: ExchangeConflict) => {
    if (conflict.deleted !== null) return t('exchange.wholeRecord');
    if (conflict.table === 'indicator_values') return t('exchange.year', { year: conflict.field });
    return conflict.table === 'applications' ? t(`applications.col.${camel(conflict.field)}`, { defaultValue: conflict.field }) : conflict.field;
  };
  const counts = (summary: ExchangeSummary) =>
    t('exchange.counts', {
      records: formatNumber(summary.records),
      inserted: formatNumber(summary.inserted),
      updated: formatNumber(summary.updated),
      deleted: formatNumber(summary.deleted),
      values: formatNumber(summary.values),
      valuesInserted: formatNumber(summary.valuesInserted),
      valuesUpdated: formatNumber(summary.valuesUpdated),
      conflicts: formatNumber(summary.conflicts.length),
      rejected: formatNumber(summary.rejected.length),
    });

  return (
    <div className="exchange">
      <h2>{t('exchange.title')}</h2>
      <p className="hint">{t('exchange.intro')}</p>
      <label>
        {t('exchange.passphrase')}
        <input type="password" autoComplete="off" maxLength={1024} value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
      </label>
      <fieldset className="scope">
        <legend>{t('exchange.scope')}</legend>
        {exchangeScopes.map((name) => (
          <label key={name}>
            <input type="radio" name="exchange-scope" checked={scope === name} onChange={() => setScope(name)} />
            {t(`exchange.scopes.${name}`)}
          </label>
        ))}
      </fieldset>
      {scope === 'indicators' && <IndicatorPicker chosen={indicators} onChange={setIndicators} />}
      {scope === 'evaluation' && (
        <label>
          {t('exchange.caseNumber')}
          <input type="text" maxLength={40} value={caseNumber} onChange={(event) => setCaseNumber(event.target.value.trim())} />
        </label>
      )}
      <div className="actions">
        <button type="button" onClick={exportPackage} disabled={busy || !passphraseOk || (scope === 'evaluation' && caseNumber === '')}>
          {t('exchange.export')}
        </button>
        <button type="button" onClick={choosePackage} disabled={busy || !passphraseOk}>
          {t('exchange.import')}
        </button>
      </div>
      {!passphraseOk && <p className="hint">{t('exchange.passphraseHint')}</p>}
      {exported !== null && <p role="status">{t('exchange.exported', { records: formatNumber(exported.records), values: formatNumber(exported.values) })}</p>}
      {pending && (
        <>
          <p role="status">{t('exchange.preview', { name: pending.file.name, counts: counts(pending.preview) })}</p>
          {pending.preview.conflicts.length > 0 && (
            <table className="conflicts" aria-label={t('exchange.conflicts')}>
              <thead>
                <tr>
                  <th scope="col">{t('exchange.record')}</th>
                  <th scope="col">{t('exchange.field')}</th>
                  <th scope="col">{t('exchange.mine')}</th>
                  <th scope="col">{t('exchange.theirs')}</th>
                </tr>
              </thead>
              <tbody>
                {pending.preview.conflicts.map((conflict) => {
                  const id = conflictId(conflict);
                  return (
                    <tr key={id}>
                      <td>{conflict.key}</td>
                      <td>{fieldLabel(conflict)}</td>
                      {(['mine', 'theirs'] as const).map((side) => (
                        <td key={side}>
                          <label>
                            <input type="radio" name={id} checked={takes[id] === side} onChange={() => setTakes((current) => ({ ...current, [id]: side }))} />
                            {conflict.deleted === null ? shown(conflict[side]) : t(conflict.deleted === side ? 'exchange.deletedSide' : 'exchange.changedSide')}
                          </label>
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {pending.preview.rejected.length > 0 && (
            <ul className="rejects" aria-label={t('exchange.notMerged')}>
              {pending.preview.rejected.map((reject) => (
                <li key={reject.key}>{t(`exchange.reasons.${reject.reason}`, { key: reject.key })}</li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="button" onClick={merge} disabled={busy}>
              {t('exchange.merge')}
            </button>
          </div>
        </>
      )}
      {merged && <p role="status">{t('exchange.merged', { counts: counts(merged) })}</p>}
    </div>
  );
}
