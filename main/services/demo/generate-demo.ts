import { AppError } from '../../contract/errors';
import { writeThenSummarise } from '../../domain/crosstab/summaries';
import type { DemoResult } from '../../contract/calls';
import type { ServiceContext } from '../context';
import { isStoreEmpty } from '../store-info';
import { insertApplications } from './demo-applications';
import { insertCalls } from './demo-calls';
import { demoCalendar } from './demo-calendar';
import { followResearchEffect, followResearchStarts, insertEvaluations } from './demo-evaluations';
import { insertAreas } from './demo-areas';
import { expectedIndicatorValues, insertAreaValues, insertIndicators } from './demo-indicators';
import { insertOrganisations } from './demo-organisations';
import { loadWorld } from './demo-world';
import { Random } from './random';

const AREA_SEED = 0x5eed_a4ea;
const EVALUATION_SEED = 0x5eed_e7a1;

export interface DemoOptions {
  scale: number;
  seed: number;
  /** The day the demo is dated around (YYYY-MM-DD): the user's today, or a fixed day in tests. */
  today: string;
}

/**
 * Fills an empty store with a realistic, deterministic data set: the same seed and scale always give
 * the same rows. All of it is written in one transaction, so a failure leaves the store empty.
 */
export function generateDemo(
  { store, progress }: Pick<ServiceContext, 'store' | 'progress'>,
  { scale, seed, today }: DemoOptions,
): DemoResult {
  const { db } = store;
  if (!isStoreEmpty(db)) {
    throw new AppError('STORE_NOT_EMPTY', 'Demo data can only be loaded into an empty store; this one already has data.', {
      path: store.path,
    });
  }
  return db.transaction(() => writeThenSummarise(db, () => {
    const random = new Random(seed);
    const world = loadWorld(db, random, demoCalendar(today));
    progress('organisations', 0, null);
    const calls = insertCalls(db, world);
    const orgs = insertOrganisations(db, world, random, scale);
    const totalApplications = calls.reduce((sum, call) => sum + call.applications * scale, 0);
    const application = insertApplications(db, world, orgs, calls, random, scale, (done) =>
      progress('applications', done, totalApplications),
    );
    const totalValues = expectedIndicatorValues(world);
    const effect = followResearchEffect(followResearchStarts(db));
    const indicatorValues = insertIndicators(db, world, random, (done) => progress('indicators', done, totalValues), effect);
    // Areas draw from their own sequence, so adding them left every other demo figure as it was.
    const areaRandom = new Random(seed ^ AREA_SEED);
    const areas = insertAreas(db, world, areaRandom);
    const areaValues = insertAreaValues(db, world, areas, areaRandom);
    progress('evaluations', 0, null);
    insertEvaluations(db, new Random(seed ^ EVALUATION_SEED), world.calendar);
    return { organisations: orgs.count, calls: calls.length, ...application, indicatorValues: indicatorValues + areaValues };
  }))();
}
