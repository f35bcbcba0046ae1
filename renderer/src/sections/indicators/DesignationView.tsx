import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignationCondition, DesignationResult, DesignationRule, IndicatorDefinition, StoreInfo } from '../../../../main/contract/calls';
import { registerTables } from '../../../../main/contract/tables';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { formatValue, useIndicatorName } from './choices';

interface Props {
  definitions: IndicatorDefinition[];
  busy: boolean;
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
}

/** The 2022 rule's shape, on the indicators that have values: a starting point to edit. */
function initialRule(definitions: IndicatorDefinition[], name: string): DesignationRule {
  const pick = (code: string) => definitions.find((definition) => definition.code === code) ?? definitions[0]!;
  const condition = (definition: IndicatorDefinition, k: number): DesignationCondition => ({
    indicator: definition.code,
    period: definition.periods.at(-1)!,
    sex: 'T',
    comparison: '>=',
    threshold: { kind: 'sd', k },
  });
  return { name, combine: 'and', conditions: [condition(pick('OJI'), 1), condition(pick('OMRT12'), 1.5)] };
}

const figure = (value: number | null) => (value === null ? '–' : formatValue(value));

const ruleTables = ['designation_rules'] as const;

/** Write a rule over indicators, run it, save it, export the result or make it a call's earmarked list. */
export function DesignationView({ definitions, busy, onRun }: Props) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const [rule, setRule] = useState<DesignationRule>(() => initialRule(definitions, t('indicators.designation.defaultName')));
  const [result, setResult] = useState<DesignationResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [callId, setCallId] = useState<number | null>(null);
  const saved = useCall('designation.rules', {}, ruleTables);
  const calls = useCall('calls.budget', {}, registerTables);

  const setCondition = (index: number, change: Partial<DesignationCondition>) =>
    setRule({ ...rule, conditions: rule.conditions.map((condition, i) => (i === index ? { ...condition, ...change } : condition)) });
  const act = (action: () => Promise<string | null>) =>
    onRun(async () => {
      setMessage(await action());
      return null;
    });
  const runIt = () => act(async () => (setResult(await call('designation.run', { rule })), null));
  const save = () => act(async () => (await call('designation.save', { rule }), null));
  const exportAs = (format: 'csv' | 'json') =>
    act(async () => {
      const file = await call('files.pick', { purpose: 'export', extensions: [format], suggestedName: `${rule.name}.${format}` });
      if (!file) return null;
      const headers = { code: t('indicators.designation.municipalityCode'), name: t('indicators.designation.municipality') };
      const { municipalities } = await call('designation.export', { rule, fileId: file.fileId, format, headers });
      return t('indicators.designation.exported', { count: municipalities });
    });
  const earmark = () =>
    act(async () => {
      if (callId === null) return null;
      const { municipalities } = await call('designation.earmark', { rule, callId });
      return t('indicators.designation.earmarked', { count: municipalities });
    });

  const qualifying = result?.rows.filter((row) => row.qualifies) ?? [];
  return (
    <div className="indicator-view">
      <div className="controls">
        <label>
          {t('indicators.designation.name')}
          <input value={rule.name} onChange={(event) => setRule({ ...rule, name: event.target.value })} />
        </label>
        <label>
          {t('indicators.designation.combine')}
          <select value={rule.combine} onChange={(event) => setRule({ ...rule, combine: event.target.value as 'and' | 'or' })}>
            <option value="and">{t('indicators.designation.and')}</option>
            <option value="or">{t('indicators.designation.or')}</option>
          </select>
        </label>
        {saved.data && saved.data.length > 0 && (
          <label>
            {t('indicators.designation.saved')}
            <select value="" onChange={(event) => setRule(saved.data!.find((entry) => String(entry.id) === event.target.value)!.rule)}>
              <option value="">{t('indicators.designation.load')}</option>
              {saved.data.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.rule.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <ol className="conditions">
        {rule.conditions.map((condition, index) => {
          const definition = definitions.find((candidate) => candidate.code === condition.indicator);
          return (
            <li key={index} className="controls">
              <label>
                {t('indicators.indicator')}
                <select value={condition.indicator} onChange={(event) => setCondition(index, { indicator: event.target.value })}>
                  {definitions.map((candidate) => (
                    <option key={candidate.code} value={candidate.code}>
                      {name(candidate)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('indicators.year')}
                <select value={condition.period} onChange={(event) => setCondition(index, { period: Number(event.target.value) })}>
                  {(definition?.periods ?? [condition.period]).map((year) => (
                    <option key={year} value={year}>
                      {year}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('indicators.designation.comparison')}
                <select value={condition.comparison} onChange={(event) => setCondition(index, { comparison: event.target.value as '>=' | '<=' })}>
                  <option value=">=">≥</option>
                  <option value="<=">≤</option>
                </select>
              </label>
              <label>
                {t('indicators.designation.threshold')}
                <select
                  value={condition.threshold.kind}
                  onChange={(event) => setCondition(index, { threshold: event.target.value === 'sd' ? { kind: 'sd', k: 1 } : { kind: 'fixed', value: 0 } })}
                >
                  <option value="sd">{t('indicators.designation.sd')}</option>
                  <option value="fixed">{t('indicators.designation.fixed')}</option>
                </select>
              </label>
              <label>
                {condition.threshold.kind === 'sd' ? t('indicators.designation.k') : t('indicators.designation.value')}
                <input
                  type="number"
                  step="0.1"
                  value={condition.threshold.kind === 'sd' ? condition.threshold.k : condition.threshold.value}
                  onChange={(event) => {
                    const number = Number(event.target.value);
                    setCondition(index, { threshold: condition.threshold.kind === 'sd' ? { kind: 'sd', k: number } : { kind: 'fixed', value: number } });
                  }}
                />
              </label>
              {rule.conditions.length > 1 && (
                <button type="button" onClick={() => setRule({ ...rule, conditions: rule.conditions.filter((_, i) => i !== index) })}>
                  {t('indicators.designation.removeCondition')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <div className="controls">
        <button type="button" onClick={() => setRule({ ...rule, conditions: [...rule.conditions, { ...rule.conditions.at(-1)! }] })} disabled={rule.conditions.length >= 10}>
          {t('indicators.designation.addCondition')}
        </button>
        <button type="button" className="primary" onClick={runIt} disabled={busy}>
          {t('indicators.designation.run')}
        </button>
        <button type="button" onClick={save} disabled={busy}>
          {t('indicators.designation.save')}
        </button>
        <button type="button" onClick={() => exportAs('csv')} disabled={busy}>
          {t('indicators.designation.exportCsv')}
        </button>
        <button type="button" onClick={() => exportAs('json')} disabled={busy}>
          {t('indicators.designation.exportJson')}
        </button>
        {calls.data && calls.data.length > 0 && (
          <>
            <label>
              {t('indicators.designation.earmarkFor')}
              <select value={callId ?? ''} onChange={(event) => setCallId(event.target.value === '' ? null : Number(event.target.value))}>
                <option value="" />
                {calls.data.map((grantCall) => (
                  <option key={grantCall.callId} value={grantCall.callId}>
                    {grantCall.year} {grantCall.programme}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={earmark} disabled={busy || callId === null}>
              {t('indicators.designation.earmark')}
            </button>
          </>
        )}
      </div>
      {message && <p role="status">{message}</p>}
      {result && (
        <div data-testid="designation-result">
          {result.conditions.map((condition, i) => (
            <p key={i} className="muted">
              {t('indicators.designation.stats', {
                indicator: name(definitions.find((definition) => definition.code === condition.indicator)),
                year: condition.period,
                mean: figure(condition.mean),
                sd: figure(condition.sd),
                threshold: figure(condition.threshold),
                n: condition.municipalitiesWithValue,
              })}
            </p>
          ))}
          <h2>{t('indicators.designation.qualifying', { count: qualifying.length })}</h2>
          <table className="rejects">
            <thead>
              <tr>
                <th>{t('indicators.designation.municipality')}</th>
                {result.conditions.map((condition, i) => (
                  <th key={i} scope="col">
                    {t('indicators.designation.column', {
                      indicator: name(definitions.find((definition) => definition.code === condition.indicator)),
                      year: condition.period,
                    })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {qualifying.map((row) => (
                <tr key={row.code}>
                  <td>
                    {row.name} ({row.code})
                  </td>
                  {row.values.map((value, i) => (
                    <td key={i} className="number">
                      {figure(value)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
