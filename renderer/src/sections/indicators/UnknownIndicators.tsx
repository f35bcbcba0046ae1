import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary, IndicatorDefinition } from '../../../../main/contract/calls';
import { useIndicatorName } from './choices';

/** What the user has said about an indicator file's values beyond what the file says. */
export interface IndicatorChoice {
  /** Every value is of this indicator. */
  indicator?: string;
  /** Define the indicators the file names by code (or the new code given) that the store lacks. */
  defineIndicators: boolean;
}

const NEW = '';

interface Props {
  summary: ImportSummary;
  definitions: IndicatorDefinition[];
  choice: IndicatorChoice;
  busy: boolean;
  /** Checks the file again with the new choice. */
  onChoose: (choice: IndicatorChoice) => void;
}

/**
 * After a check: asks which indicator a file named in words is (one of the store's, or a new one by
 * a code of the user's), offers to define the codes the file names and the store lacks, and lists
 * what the import defines.
 */
export function UnknownIndicators({ summary, definitions, choice, busy, onChoose }: Props) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const unknown = summary.unknownIndicators ?? [];
  const words = unknown.filter((indicator) => !indicator.definable);
  const codes = unknown.filter((indicator) => indicator.definable);
  const [selected, setSelected] = useState(definitions[0]?.code ?? NEW);
  const [newCode, setNewCode] = useState('');
  const codeIsValid = /^[A-Za-z0-9_]{1,40}$/.test(newCode);

  return (
    <>
      {words.length > 0 && (
        <fieldset className="controls" data-testid="indicator-choice">
          <legend>{t('indicators.import.whichIndicator', { names: words.map((indicator) => `”${indicator.text}”`).join(', ') })}</legend>
          <label>
            {t('indicators.indicator')}
            <select value={selected} onChange={(event) => setSelected(event.target.value)}>
              {definitions.map((definition) => (
                <option key={definition.code} value={definition.code}>
                  {name(definition)}
                </option>
              ))}
              <option value={NEW}>{t('indicators.import.defineNew')}</option>
            </select>
          </label>
          {selected === NEW && (
            <label>
              {t('indicators.import.newCode')}
              <input value={newCode} onChange={(event) => setNewCode(event.target.value.trim())} />
            </label>
          )}
          <button
            type="button"
            disabled={busy || (selected === NEW && !codeIsValid)}
            onClick={() => onChoose(selected === NEW ? { indicator: newCode, defineIndicators: true } : { indicator: selected, defineIndicators: choice.defineIndicators })}
          >
            {t('indicators.import.checkAgain')}
          </button>
        </fieldset>
      )}
      {codes.length > 0 && (
        <div className="controls" data-testid="indicator-define">
          <p>{t('indicators.import.undefined', { count: codes.length, codes: codes.map((indicator) => indicator.text).join(', ') })}</p>
          <label className="check">
            <input type="checkbox" checked={choice.defineIndicators} disabled={busy} onChange={(event) => onChoose({ ...choice, defineIndicators: event.target.checked })} />
            {t('indicators.import.defineThem')}
          </label>
        </div>
      )}
      {summary.definedIndicators && (
        <div data-testid="indicator-defined">
          <p>{summary.dryRun ? t('indicators.import.toBeDefined') : t('indicators.import.defined')}</p>
          <ul>
            {summary.definedIndicators.map((indicator) => (
              <li key={indicator.code}>
                {indicator.code}: {indicator.name ?? t('indicators.nameMissing')}
                {indicator.unit && ` (${indicator.unit})`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
