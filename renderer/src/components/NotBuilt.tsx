import { useTranslation } from 'react-i18next';

/** A section that does not exist yet says so, instead of showing a screen with nothing behind it. */
export function NotBuilt({ section }: { section: 'applications' | 'indicators' | 'crosstab' | 'evaluations' | 'import' }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="section-title" className="not-built">
      <h1 id="section-title">{t(`nav.${section}`)}</h1>
      <div className="notice">
        <h2>{t('notBuilt.title')}</h2>
        <p>{t(`notBuilt.${section}`)}</p>
        <p className="hint">{t('notBuilt.body')}</p>
      </div>
    </section>
  );
}
