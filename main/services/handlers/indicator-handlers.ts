import type { ValueRow } from '../../contract/calls';
import { importAreas } from '../../importers/areas/import-areas';
import { importDefinitions } from '../../importers/definitions/import-definitions';
import { importIndicators } from '../../importers/indicators/import-indicators';
import type { HandlerMap } from '../context';
import { importBoundaries, indicatorMap } from '../indicators/boundaries';
import { listIndicators, listPlaces } from '../indicators/definitions';
import { earmark, exportResult, listRules, runRule, saveRule } from '../indicators/designation';
import { profile } from '../indicators/profile';
import { ranking } from '../indicators/ranking';
import { valueKeys, valuesGrid } from '../indicators/values-grid';
import { countRows, queryPage } from '../paging/page-query';

export const indicatorHandlers = {
  'indicators.import': (args, { store, files, progress, parseWorker }) =>
    importIndicators(store.db, files.resolve(args.fileId), {
      format: args.format,
      dryRun: args.dryRun,
      strict: args.strict,
      indicator: args.indicator,
      defineIndicators: args.defineIndicators,
      progress,
      parseWorker,
    }),
  'areas.import': (args, { store, files }) => importAreas(store.db, files.resolve(args.fileId), args),
  'indicators.importDefinitions': (args, { store, files }) => importDefinitions(store.db, files.resolve(args.fileId), args),
  'indicators.list': (_args, { store }) => listIndicators(store.db),
  'indicators.places': (_args, { store }) => listPlaces(store.db),
  'indicators.profile': (args, { store }) => profile(store.db, args.geo, args.indicators, args.sexes, args.peers),
  'indicators.ranking': (args, { store }) => ranking(store.db, args.indicator, args.period, args.sex),
  'indicators.valuesPage': (args, { store }) => queryPage<ValueRow>(store.db, valuesGrid, args, valueKeys),
  'indicators.valuesCount': (args, { store }) => countRows(store.db, valuesGrid, args),
  'boundaries.import': (args, { store, files }) => importBoundaries(store.db, files.resolve(args.fileId), args.level),
  'indicators.map': (args, { store }) => indicatorMap(store.db, args.indicator, args.period, args.sex, args.level),
  'designation.run': (args, { store }) => runRule(store.db, args.rule),
  'designation.save': (args, { store }) => saveRule(store.db, args.rule),
  'designation.rules': (_args, { store }) => listRules(store.db),
  'designation.export': (args, { store, files }) => exportResult(store.db, args.rule, files.resolve(args.fileId), args.format, args.headers),
  'designation.earmark': (args, { store }) => earmark(store.db, args.rule, args.callId),
} satisfies Partial<HandlerMap>;
