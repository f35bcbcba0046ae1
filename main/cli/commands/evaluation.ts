import { resolve } from 'node:path';
import { didControls, didLevels, indicatorSexes, stages, type EvaluationDid, type EvaluationStatus, type Result } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { didCsv, didJson } from '../../services/evaluation/did-format';
import { statusCsv, statusJson, statusReasonText } from '../../services/evaluation/status-format';
import { dayOption, UsageError, write, type Command, type CommandInput, type OptionValues } from '../command';

function choice<T extends string>(values: OptionValues, name: string, allowed: readonly T[]): T | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} takes ${allowed.join(', ')}, not "${String(value)}"`);
  }
  return value as T;
}

const figure = (value: number) => value.toLocaleString('sv-SE', { minimumFractionDigits: 4, maximumFractionDigits: 4 });

async function did({ services, values }: CommandInput): Promise<number> {
  const indicator = values.indicator;
  if (typeof indicator !== 'string') throw new UsageError('evaluation did needs --indicator CODE');
  const format = choice(values, 'format', ['json', 'csv'] as const) ?? (values.json ? 'json' : undefined);
  const result = unwrap<EvaluationDid>(
    await services.call('evaluation.did', {
      indicator,
      sex: choice(values, 'sex', indicatorSexes),
      level: choice(values, 'level', didLevels),
      control: choice(values, 'control', didControls),
      programme: values.programme,
      stage: choice(values, 'stage', stages),
      followResearch: values['follow-research'] ? true : undefined,
    }),
  );
  if (format) {
    process.stdout.write(format === 'json' ? didJson(result) : didCsv(result));
    return 0;
  }
  const { places } = result;
  write(`${result.indicator} ${result.sex}, ${result.level}, comparison ${result.control}: ${result.grants} grants count; ${places.used} places with values, ${places.never} never treated`);
  for (const cohort of places.cohorts) write(`  cohort ${cohort.cohort}: ${cohort.places} places`);
  for (const cell of result.cells) {
    write(`  ATT(${cell.cohort},${cell.year}) ${figure(cell.att)}  SE ${figure(cell.se)}  (${cell.treated} treated, ${cell.comparison} comparison${cell.missing ? `, ${cell.missing} without a value` : ''})`);
  }
  for (const row of result.event) write(`  e = ${row.e}: ${figure(row.att)}  SE ${figure(row.se)}  95% ${figure(row.low)} to ${figure(row.high)}`);
  write(result.overall ? `overall ${figure(result.overall.att)}  SE ${figure(result.overall.se)}  95% ${figure(result.overall.low)} to ${figure(result.overall.high)}` : 'no effect can be estimated: no cohort has both a year before its start and comparison places');
  return 0;
}

async function status({ services, values }: CommandInput): Promise<number> {
  const format = choice(values, 'format', ['json', 'csv'] as const) ?? (values.json ? 'json' : undefined);
  const result = unwrap<EvaluationStatus>(await services.call('evaluation.status', { today: dayOption(values, 'today') }));
  if (format) {
    process.stdout.write(format === 'json' ? statusJson(result) : statusCsv(result));
    return 0;
  }
  const { counts } = result;
  write(`${result.grants.length} multi-year grants on ${result.today}: ${counts.on_track} on track, ${counts.at_risk} at risk, ${counts.late} late, ${counts.completed} completed`);
  for (const grant of result.grants) write(`  ${grant.caseNumber}  ${grant.status}  ${grant.reasons.map(statusReasonText).join('; ')}`);
  return 0;
}

async function report({ services, values }: CommandInput): Promise<number> {
  const grant = values.grant;
  if ((typeof grant === 'string') === (values.all === true)) throw new UsageError('evaluation report needs --grant CASE or --all');
  if (typeof values.out !== 'string') throw new UsageError('evaluation report needs --out FILE');
  const { fileId } = services.registerFile(resolve(values.out));
  const language = choice(values, 'lang', ['sv', 'en'] as const);
  const result = unwrap<Result<'evaluation.report'>>(
    await services.call('evaluation.report', { fileId, caseNumber: typeof grant === 'string' ? grant : undefined, language, today: dayOption(values, 'today') }),
  );
  write(`report of ${result.grants} grant${result.grants === 1 ? '' : 's'} written to ${values.out} (${result.bytes} bytes)`);
  return 0;
}

const actions: Record<string, (input: CommandInput) => Promise<number>> = { did, status, report };

export const evaluationCommand: Command = {
  name: 'evaluation',
  usage: `evaluation did --db FILE --indicator CODE [--sex T|K|M] [--level municipality|regso]
                [--control never|notyet] [--programme P] [--stage S] [--follow-research] [--format json|csv]
                                          the grants' effect on an indicator: staggered
                                          difference-in-differences by start-year cohort and event time
evaluation status --db FILE [--format csv|json] [--today YYYY-MM-DD]
                                          each multi-year grant: on_track, at_risk, late or
                                          completed, and why
evaluation report --db FILE (--grant CASE | --all) --out FILE [--lang sv|en] [--today YYYY-MM-DD]
                                          one grant's or the whole portfolio's report as one
                                          self-contained HTML file, charts included`,
  arguments: ['ACTION'],
  options: {
    indicator: { type: 'string' },
    sex: { type: 'string' },
    level: { type: 'string' },
    control: { type: 'string' },
    programme: { type: 'string' },
    stage: { type: 'string' },
    'follow-research': { type: 'boolean' },
    format: { type: 'string' },
    today: { type: 'string' },
    grant: { type: 'string' },
    all: { type: 'boolean' },
    out: { type: 'string' },
    lang: { type: 'string' },
  },
  async run(input) {
    const [action] = input.positionals;
    const handler = action === undefined ? undefined : actions[action];
    if (!handler) throw new UsageError(`evaluation what? ${Object.keys(actions).join(' or ')}, not "${action ?? ''}"`);
    return handler(input);
  },
};
