import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportKind, ImportMapping, ImportSummary, PickedFile, StoreInfo } from '../../../../main/contract/calls';
import { importFieldsByKind, importKinds } from '../../../../main/contract/calls';
import { call } from '../../api/client';
import { RejectsTable } from '../../components/RejectsTable';
import { formatImportCounts } from '../../format';

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

/** Import of register files: choose, map columns with a preview, check (dry run), then import in one go. */
export function ImportSection({ busy, onRun }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('applications');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [strict, setStrict] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  const choose = () =>
    onRun(async () => {
      const file = await call('files.pick', { purpose: 'import', extensions: ['csv', 'xlsx'] });
      if (!file) return null;
      // A file that fails its preview must not leave the last file's preview under its error.
      setPreview(null);
      setSummary(null);
      const found = await call('import.preview', { fileId: file.fileId, kind });
      setPreview({ file, headers: found.headers, sample: found.sample, format: found.format });
      setMapping(found.mapping);
      return null;
    });
  const start = (dryRun: boolean) =>
    onRun(async () => {
      if (!preview) return null;
      setSummary(null);
      const result = await call('import.run', { fileId: preview.file.fileId, kind, mapping, dryRun, strict });
      setSummary(result);
      return dryRun ? null : call('store.info', {});
    });
  const changeKind = (next: ImportKind) => {
    setKind(next);
    setPreview(null);
    setSummary(null);
  };
  const mapField = (field: ImportField, header: string) =>
    setMapping((current) => {
      const next = { ...current };
      if (header === '') delete next[field];
      else next[field] = header;
      return next;
    });
  const counts = summary && formatImportCounts(summary);

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
            <input type="checkbox" checked={strict} onChange={(event) => setStrict(event.target.checked)} />
            {t('importer.strict')}
          </label>
          <div className="actions">
            <button type="button" onClick={() => start(true)} disabled={busy}>
              {t('importer.dryRun')}
            </button>
            <button type="button" className="primary" onClick={() => start(false)} disabled={busy}>
              {t('importer.run')}
            </button>
          </div>
        </>
      )}
      {summary && counts && (
        <div className="import-result" data-testid="import-result">
          <p role="status">
            {summary.abandoned ? t('importer.abandoned', { rejected: counts.rejected }) : t(summary.dryRun ? 'importer.dryRunResult' : 'importer.result', counts)}
          </p>
          <RejectsTable rejects={summary.rejects} />
        </div>
      )}
    </section>
  );
}
