/**
 * @mlstack/core/testing: the backend conformance suite, the shared op cases and a
 * finite-difference gradient checker, for backend packages and layer authors.
 */
export {
  type ConformanceOptions,
  type ConformanceRunner,
  caseInputs,
  runBackendConformance,
} from './conformance.js'
export { type GradcheckOptions, type GradcheckResult, gradcheck } from './gradcheck.js'
export { OP_CASES, type OpCase } from './opCases.js'
