import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportKind, ImportMapping, PickedFile, RegisterImportSummary, StoreInfo } from '../../../../main/contract/calls';
import { importFieldsByKind, importKinds } from '../../../../main/contract/calls';
import { call } from '../../api/client';
import { RejectsTable } from '../../components/RejectsTable';
import { UpdatesTable } from './UpdatesTable';
import { counted, importCounts } from '../../i18n/counts';

interface Props {
  busy: boolean;
  /** The app's runner: one action at a time, its progress bar and errors shown, sections reloaded after. */
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
}

interface Preview {
  file: PickedFile;
  headers: string[];
  sample: string[][];
  format: string;
}

/**
 * Import of register files: choose, map columns with a preview, check (dry run), then import in one
 * go. An import that would change existing rows is checked first and shows the changes field by
 * field, to be confirmed; one that only adds rows goes ahead.
 */
export function ImportSection({ busy, onRun }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('applications');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [strict, setStrict] = useState(false);
  const [summary, setSummary] = useState<RegisterImportSummary | null>(null);
  /** The shown summary is the check of an import that changes rows, waiting for the user's word. */
  const [confirming, setConfirming] = useState(false);
  const show = (next: RegisterImportSummary | null) => {
    setSummary(next);
    setConfirming(false);
  };

  const choose = () =>
    onRun(async () => {
      const file = await call('files.pick', { purpose: 'import', extensions: ['csv', 'xlsx'] });
      if (!file) return null;
      // A file that fails its preview must not leave the last file's preview under its error.
      setPreview(null);
      show(null);
      const found = await call('import.preview', { fileId: file.fileId, kind });
      setPreview({ file, headers: found.headers, sample: found.sample, format: found.format });
      setMapping(found.mapping);
      return null;
    });
  const importRun = (dryRun: boolean) => call('import.run', { fileId: preview!.file.fileId, kind, mapping, dryRun, strict });
  const write = async () => {
    show(await importRun(false));
    return call('store.info', {});
  };
  const check = () =>
    onRun(async () => {
      if (!preview) return null;
      show(null);
      show(await importRun(true));
      return null;
    });
  const start = () =>
    onRun(async () => {
      if (!preview) return null;
      show(null);
      const checked = await importRun(true);
      if (checked.updated === 0 || checked.abandoned) return write();
      setSummary(checked);
      setConfirming(true);
      return null;
    });
  const confirm = () => onRun(() => (preview ? write() : Promise.resolve(null)));
  const changeKind = (next: ImportKind) => {
    setKind(next);
    setPreview(null);
    show(null);
  };
  const mapField = (field: ImportField, header: string) => {
    setConfirming(false);
    setMapping((current) => {
      const next = { ...current };
      if (header === '') delete next[field];
      else next[field] = header;
      return next;
    });
  };
  const counts = summary && importCounts(t, summary);
  const moves = summary ? summary.updates.filter((update) => update.movesApplicant).length : 0;

  return (
    <section aria-labelledby="section-title" className="import">
      <h1 id="section-title">{t('importer.title')}</h1>
      <p className="hint">{t('importer.intro')}</p>
      <fieldset className="kind">
        <legend>{t('importer.kind')}</legend>
        {importKinds.map((name) => (
          <label key={name}>
            <input type="radio" name="import-kind" checked={kind === name} onChange={() => changeKind(name)} />
            {t(`importer.kinds.${name}`)}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="button" onClick={choose} disabled={busy}>
          {t('importer.chooseFile')}
        </button>
      </div>
      {preview && (
        <>
          <p>{t('importer.file', { name: preview.file.name, format: preview.format })}</p>
          <h2>{t('importer.mapping')}</h2>
          <table className="mapping" aria-label={t('importer.mapping')}>
            <thead>
              <tr>
                <th>{t('importer.field')}</th>
                <th>{t('importer.column')}</th>
              </tr>
            </thead>
            <tbody>
              {importFieldsByKind[kind].map((field) => (
                <tr key={field}>
                  <td>
                    <label htmlFor={`map-${field}`}>{t(`applications.col.${field}`)}</label>
                  </td>
                  <td>
                    <select id={`map-${field}`} value={mapping[field] ?? ''} onChange={(event) => mapField(field, event.target.value)}>
                      <option value="">{t('importer.notMapped')}</option>
                      {preview.headers.map((header) => (
                        <option key={header} value={header}>
                          {header}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('importer.preview')}</h2>
          <div className="preview-scroll">
            <table className="preview" aria-label={t('importer.preview')}>
              <thead>
                <tr>
                  {preview.headers.map((header) => (
                    <th key={header}>{header}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((row, i) => (
                  <tr key={i}>
                    {preview.headers.map((header, j) => (
                      <td key={header}>{row[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={strict}
              onChange={(event) => {
                setStrict(event.target.checked);
                setConfirming(false);
              }}
            />
            {t('importer.strict')}
          </label>
          <div className="actions">
            <button type="button" onClick={check} disabled={busy}>
              {t('importer.dryRun')}
            </button>
            <button type="button" className="primary" onClick={start} disabled={busy || confirming}>
              {t('importer.run')}
            </button>
          </div>
        </>
      )}
      {summary && counts && (
        <div className="import-result" data-testid="import-result">
          <p role="status">
            {summary.abandoned ? t('importer.abandoned', counted(summary.rejected)) : t(summary.dryRun ? 'importer.dryRunResult' : 'importer.result', counts)}
          </p>
          {confirming && (
            <div className="confirm" role="group" aria-label={t('importer.applyUpdates')}>
              <p>
                {t('importer.confirmUpdates', counted(summary.updated))}{' '}
                {moves > 0 && <strong>{t('importer.confirmMoves', counted(moves))}</strong>}
              </p>
              <div className="actions">
                <button type="button" className="primary" onClick={confirm} disabled={busy}>
                  {t('importer.applyUpdates')}
                </button>
                <button type="button" onClick={() => show(null)} disabled={busy}>
                  {t('importer.cancel')}
                </button>
              </div>
            </div>
          )}
          <UpdatesTable kind={kind} updates={summary.updates} updated={summary.updated} />
          <RejectsTable summary={summary} />
        </div>
      )}
    </section>
  );
}
