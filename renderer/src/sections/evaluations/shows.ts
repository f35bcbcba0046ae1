import { evaluationTables, indicatorTables, registerTables } from '../../../../main/contract/tables';

/** An evaluation reads grants, indicator values and its own plans: it reloads when any of them change. */
export const evaluationShows = [...registerTables, ...indicatorTables, ...evaluationTables] as const;
