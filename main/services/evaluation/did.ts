import type { Database } from 'better-sqlite3';
import type { EvaluationDid, EvaluationDidArgs } from '../../contract/domains/evaluation';
import { AppError } from '../../contract/errors';
import { staggeredDid, type DidUnit } from '../../domain/evaluation/did';
import { indicatorOrThrow } from '../indicators/lookup';
import { treatment } from './treatment';

/**
 * The effect of the grants on one indicator by staggered difference-in-differences: every place of
 * the level with a value of the indicator is a unit, treated from its first counting grant's first
 * year, or never.
 */
export function evaluationDid(db: Database, args: EvaluationDidArgs): EvaluationDid {
  indicatorOrThrow(db, args.indicator);
  const { levels, sexes } = db.prepare('SELECT levels, sexes FROM indicators WHERE code = ?').get(args.indicator) as { levels: string; sexes: string };
  if (!levels.split(',').includes(args.level)) throw new AppError('INVALID_ARGUMENT', `${args.indicator} has no values by ${args.level}, only by ${levels.replaceAll(',', ', ')}.`);
  if (!sexes.includes(args.sex)) throw new AppError('INVALID_ARGUMENT', `${args.indicator} is not split by sex: ask for T.`);
  const { firstYears, grants } = treatment(db, args);
  const points = db
    .prepare(
      `SELECT s.geo_code AS place, p.period AS year, p.value
         FROM indicator_series s JOIN indicator_points p ON p.series_id = s.id
        WHERE s.indicator_code = ? AND s.sex = ? AND s.geo_code IN (SELECT code FROM places WHERE level = ?)`,
    )
    .all(args.indicator, args.sex, args.level) as { place: string; year: number; value: number }[];
  const outcomes = new Map<string, Map<number, number>>();
  for (const point of points) {
    const series = outcomes.get(point.place) ?? new Map<number, number>();
    series.set(point.year, point.value);
    outcomes.set(point.place, series);
  }
  const units: DidUnit[] = [...outcomes].map(([id, series]) => ({ id, firstTreated: firstYears.get(id) ?? null, outcomes: series }));
  const result = staggeredDid(units, args.control);
  return {
    indicator: args.indicator,
    sex: args.sex,
    level: args.level,
    control: args.control,
    years: result.years,
    cells: result.cells,
    emptyCells: result.emptyCells,
    event: result.event,
    overall: result.overall,
    places: {
      ...result.units,
      cohorts: result.units.cohorts.map(({ cohort, units: count }) => ({ cohort, places: count })),
      treatedWithoutValues: [...firstYears.keys()].filter((place) => !outcomes.has(place)).length,
    },
    grants,
  };
}
