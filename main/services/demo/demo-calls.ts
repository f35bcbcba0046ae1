import type { Database } from 'better-sqlite3';
import type { DemoWorld } from './demo-world';

export interface DemoCall {
  id: number;
  year: number;
  /** The call's year in the demo's base calendar, which the programme's history is told in. */
  baseYear: number;
  opensOn: string;
  closesOn: string;
  budgetOre: number;
  /** Applications at scale 1, after the published counts where they exist. */
  applications: number;
  /** Share of applications granted. */
  grantRate: number;
}

const MSEK = 1_000_000 * 100;

// Budgets, application counts and grant rates follow the published programme figures (shared
// reference programme-facts.md): SEK 53 million in 2018, 272 applications and 57 grants in 2020,
// SEK 250 million with 160 earmarked, 232 applications and 90 grants in 2021, about SEK 235
// million in 2022. Later years are plausible continuations.
const plan = [
  { year: 2018, budget: 53, earmarked: 0, applications: 150, grantRate: 0.45 },
  { year: 2019, budget: 75, earmarked: 0, applications: 180, grantRate: 0.42 },
  { year: 2020, budget: 80, earmarked: 0, applications: 272, grantRate: 0.21 },
  { year: 2021, budget: 250, earmarked: 160, applications: 232, grantRate: 0.39 },
  { year: 2022, budget: 235, earmarked: 120, applications: 250, grantRate: 0.42 },
  { year: 2023, budget: 200, earmarked: 110, applications: 220, grantRate: 0.45 },
  { year: 2024, budget: 180, earmarked: 100, applications: 200, grantRate: 0.4 },
] as const;

export const PROGRAMME = 'Delmos';

export function insertCalls(db: Database, world: DemoWorld): DemoCall[] {
  const insert = db.prepare(`INSERT INTO grant_calls
    (year, programme, title, budget_ore, earmarked_ore, earmark_designation_id, opens_on, closes_on)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  return plan.map((entry) => {
    const year = world.calendar.year(entry.year);
    const opensOn = `${year}-01-15`;
    const closesOn = `${year}-03-31`;
    const result = insert.run(
      year,
      PROGRAMME,
      `Statsbidrag för att minska och motverka segregation ${year}`,
      entry.budget * MSEK,
      entry.earmarked * MSEK,
      entry.earmarked > 0 ? world.designationId : null,
      opensOn,
      closesOn,
    );
    return {
      id: Number(result.lastInsertRowid),
      year,
      baseYear: entry.year,
      opensOn,
      closesOn,
      budgetOre: entry.budget * MSEK,
      applications: entry.applications,
      grantRate: entry.grantRate,
    };
  });
}
