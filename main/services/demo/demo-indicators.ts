import type { Database } from 'better-sqlite3';
import type { Sex } from '../../contract/domains/indicators';
import { COUNTRY_CODE } from '../../store/reference-geography';
import type { DemoArea } from './demo-areas';
import type { DemoWorld, Municipality } from './demo-world';
import type { Random } from './random';

interface DemoIndicator {
  code: string;
  nameSv: string;
  nameEn: string;
  unit: string;
  higherIsBetter: boolean;
  /** Years of the demo's base calendar; written in the calendar the demo is loaded on. */
  periods: number[];
  decimals: number;
  /** Level for a municipality with the given disadvantage, in the given year. */
  level(m: Municipality, year: number): number;
  /** Women's value minus men's, roughly; null for figures published for the total only. */
  sexGap: number | null;
  min: number;
  max: number;
  /** Standard deviation of the year-to-year noise; by default 0.6 points, or 6,000 kr. */
  noise?: number;
}

const everyYear = Array.from({ length: 10 }, (_, i) => 2015 + i);
const SOURCE = 'Demodata (påhittade värden)';

// Made-up but plausible series: disadvantaged municipalities have higher unemployment, lower
// employment, education, turnout and income; most measures improve slowly over the decade.
const indicators: DemoIndicator[] = [
  {
    code: 'N00914',
    nameSv: 'Arbetslöshet 16–64 år',
    nameEn: 'Unemployment, age 16–64',
    unit: '%',
    higherIsBetter: false,
    periods: everyYear,
    decimals: 1,
    level: (m, year) => 6.5 + 2.4 * m.disadvantage - 0.12 * (year - 2015) + (year === 2020 ? 1.2 : 0),
    sexGap: -0.4,
    min: 1.5,
    max: 25,
  },
  {
    code: 'AM0207AC',
    nameSv: 'Förvärvsfrekvens 20–64 år',
    nameEn: 'Employment rate, age 20–64',
    unit: '%',
    higherIsBetter: true,
    periods: everyYear,
    decimals: 1,
    level: (m, year) => 80 - 4.5 * m.disadvantage + 0.25 * (year - 2015) - (year === 2020 ? 1.5 : 0),
    sexGap: -3,
    min: 55,
    max: 90,
  },
  {
    code: 'UF0506EG',
    nameSv: 'Eftergymnasial utbildning 25–64 år',
    nameEn: 'Post-secondary education, age 25–64',
    unit: '%',
    higherIsBetter: true,
    periods: everyYear,
    decimals: 1,
    level: (m, year) => 40 - 5 * m.disadvantage + 0.6 * (year - 2015) + (m.weight - 1) * 2,
    sexGap: 10,
    min: 18,
    max: 75,
  },
  {
    code: 'ME0104KF',
    nameSv: 'Valdeltagande i kommunfullmäktigeval',
    nameEn: 'Voter turnout, municipal council elections',
    unit: '%',
    higherIsBetter: true,
    periods: [2014, 2018, 2022],
    decimals: 1,
    level: (m, year) => 84 - 3.5 * m.disadvantage + (year === 2018 ? 1.5 : year === 2022 ? -0.5 : 0),
    sexGap: 1.2,
    min: 55,
    max: 93,
  },
  {
    code: 'HE0110MI',
    nameSv: 'Medianinkomst, förvärvsinkomst 20–64 år',
    nameEn: 'Median earned income, age 20–64',
    unit: 'kr',
    higherIsBetter: true,
    periods: everyYear,
    decimals: 0,
    level: (m, year) => (300_000 - 22_000 * m.disadvantage + (m.weight - 1) * 6_000) * 1.025 ** (year - 2015),
    sexGap: -0.12,
    min: 180_000,
    max: 500_000,
  },
  // Last, so the series above draw the same random numbers as before they were added.
  {
    code: 'OJI',
    nameSv: 'Ojämlikhetsindex',
    nameEn: 'Inequality index',
    unit: 'index',
    higherIsBetter: false,
    periods: [2021, 2022, 2023],
    decimals: 2,
    level: (m) => 0.3 + 0.12 * m.disadvantage + (m.weight - 1) * 0.02,
    sexGap: null,
    min: 0.05,
    max: 1,
    noise: 0.04,
  },
  {
    code: 'OMRT12',
    nameSv: 'Andel invånare i områdestyp 1–2',
    nameEn: 'Share of residents in area types 1–2',
    unit: '%',
    higherIsBetter: false,
    periods: [2021, 2022, 2023],
    decimals: 1,
    level: (m) => 4 + 7 * m.disadvantage + (m.weight - 1) * 1.5,
    sexGap: null,
    min: 0,
    max: 60,
  },
];

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Income gaps are relative, the others are percentage points. */
function bySex(indicator: DemoIndicator, total: number): { K: number; M: number } | null {
  if (indicator.sexGap === null) return null;
  const half = indicator.unit === 'kr' ? (total * indicator.sexGap) / 2 : indicator.sexGap / 2;
  return { K: total + half, M: total - half };
}

function valueInserter(db: Database) {
  return db.prepare('INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES (?, ?, ?, ?, ?)');
}

function noiseOf(indicator: DemoIndicator, random: Random): number {
  return random.normal() * (indicator.noise ?? (indicator.unit === 'kr' ? 6_000 : 0.6));
}

/** What the demo's grants add to a municipality's level in a year; no random draws, so the noise stays the same. */
export type DemoEffect = (indicator: string, m: Municipality, year: number) => number;

export function insertIndicators(db: Database, world: DemoWorld, random: Random, onProgress: (done: number) => void, effect: DemoEffect = () => 0): number {
  const insertDefinition = db.prepare(
    // The store's catalogue already defines these codes; the demo's made-up values say so in the source.
    `INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET source = excluded.source`,
  );
  const insertValue = valueInserter(db);
  let count = 0;
  const put = (indicator: DemoIndicator, geo: string, period: number, sex: Sex, value: number) => {
    insertValue.run(indicator.code, geo, period, sex, round(value, indicator.decimals));
    count++;
  };
  for (const indicator of indicators) {
    insertDefinition.run(indicator.code, indicator.nameSv, indicator.nameEn, indicator.unit, SOURCE, indicator.higherIsBetter ? 1 : 0);
    for (const basePeriod of indicator.periods) {
      const period = world.calendar.year(basePeriod);
      // County and country figures are the unweighted mean of their municipalities: the demo has no population.
      const sums = new Map<string, { T: number; K: number; M: number; n: number }>();
      for (const m of world.municipalities) {
        const total = clamp(indicator.level(m, basePeriod) + effect(indicator.code, m, period) + noiseOf(indicator, random), indicator.min, indicator.max);
        const split = bySex(indicator, total);
        put(indicator, m.code, period, 'T', total);
        if (split) {
          put(indicator, m.code, period, 'K', split.K);
          put(indicator, m.code, period, 'M', split.M);
        }
        for (const geo of [m.countyCode, COUNTRY_CODE]) {
          const sum = sums.get(geo) ?? { T: 0, K: 0, M: 0, n: 0 };
          sum.T += total;
          sum.K += split?.K ?? 0;
          sum.M += split?.M ?? 0;
          sum.n++;
          sums.set(geo, sum);
        }
      }
      for (const [geo, sum] of sums) {
        put(indicator, geo, period, 'T', sum.T / sum.n);
        if (indicator.sexGap !== null) {
          put(indicator, geo, period, 'K', sum.K / sum.n);
          put(indicator, geo, period, 'M', sum.M / sum.n);
        }
      }
      onProgress(count);
    }
  }
  return count;
}

// SCB publishes these at RegSO level too, from 2020 when RegSOs began; the demo gives the total only.
const areaIndicators = ['N00914', 'AM0207AC', 'UF0506EG'];
const FIRST_REGSO_YEAR = 2020;

/** RegSO values of the measures SCB has for areas, following each area's own disadvantage. */
export function insertAreaValues(db: Database, world: DemoWorld, areas: readonly DemoArea[], random: Random): number {
  const insertValue = valueInserter(db);
  const addLevel = db.prepare("UPDATE indicators SET levels = levels || ',regso' WHERE code = ? AND ',' || levels || ',' NOT LIKE '%,regso,%'");
  let count = 0;
  for (const indicator of indicators.filter((candidate) => areaIndicators.includes(candidate.code))) {
    addLevel.run(indicator.code);
    for (const period of indicator.periods.filter((year) => year >= FIRST_REGSO_YEAR)) {
      for (const area of areas) {
        const level = indicator.level({ ...area.municipality, disadvantage: area.disadvantage }, period);
        insertValue.run(indicator.code, area.code, world.calendar.year(period), 'T', round(clamp(level + noiseOf(indicator, random), indicator.min, indicator.max), indicator.decimals));
        count++;
      }
    }
  }
  return count;
}

/** Values the generator writes for places above areas, for progress totals. */
export function expectedIndicatorValues(world: DemoWorld): number {
  const geos = world.municipalities.length + world.counties.length + 1;
  return indicators.reduce((sum, indicator) => sum + indicator.periods.length * geos * (indicator.sexGap === null ? 1 : 3), 0);
}
