import { useTranslation } from 'react-i18next';
import type { StoreInfo } from '../../../main/contract/calls';
import { formatNumber } from '../format';
import { languages, setLanguage, type Language } from '../i18n';
import { ExchangePanel } from './ExchangePanel';
import { StoreFileActions, type StoreFileChoice } from '../components/StoreFileActions';

const languageNames: Record<Language, string> = { sv: 'Svenska', en: 'English' };

interface Props {
  info: StoreInfo;
  busy: boolean;
  onOpenStore: (mode: StoreFileChoice) => void;
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
}

export function Settings({ info, busy, onOpenStore, onRun }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="section-title" className="settings">
      <h1 id="section-title">{t('settings.title')}</h1>
      <h2>{t('settings.language')}</h2>
      <fieldset className="language">
        <legend className="hint">{t('settings.languageHint')}</legend>
        {languages.map((language) => (
          <label key={language}>
            <input
              type="radio"
              name="language"
              value={language}
              checked={i18n.language === language}
              onChange={() => setLanguage(language)}
            />
            {languageNames[language]}
          </label>
        ))}
      </fieldset>
      <h2>{t('settings.store')}</h2>
      <dl className="store-facts">
        <dt>{t('settings.path')}</dt>
        <dd data-testid="store-path">{info.path}</dd>
        <dt>{t('settings.schemaVersion')}</dt>
        <dd>{info.schemaVersion}</dd>
      </dl>
      <table className="counts">
        <thead>
          <tr>
            <th scope="col">{t('settings.table')}</th>
            <th scope="col" className="number">
              {t('settings.rows')}
            </th>
          </tr>
        </thead>
        <tbody>
          {info.counts.map(({ table, rows }) => (
            <tr key={table}>
              <td>{t(`settings.tables.${table}`, { defaultValue: table })}</td>
              <td className="number">{formatNumber(rows)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <StoreFileActions busy={busy} onOpenStore={onOpenStore} />
      <ExchangePanel busy={busy} onRun={onRun} />
    </section>
  );
}
