// Deterministic, seeded demo data: persons, schools and reports (see generate.ts). Only
// demo-specific names are exported here, so that `export *` from the core index cannot clash;
// the name lists and grammar helpers are in ./names.ts.
export { Rng, createRng, weightedSampler, type WeightedEntries } from './rng.ts';
export {
  type DemoDistrict,
  type DemoIncident,
  type DemoPerpetrator,
  type DemoPerson,
  type DemoPersonInput,
  type DemoReport,
  type DemoReporter,
  type DemoSchool,
  type GeneratePersonsOptions,
  type GenerateReportsOptions,
  type GenerateSchoolsOptions,
  type PersonKind,
  type SchoolLanguage,
  DEMO_PERSON_SHARES,
  DEMO_REPORT_WEIGHTS,
  generatePersons,
  generateReports,
  generateSchools,
} from './generate.ts';
