// The fraud engine's public face: pure functions and state, no database, no clock, no network.
export {
  DEFAULT_FRAUD_SETTINGS,
  FRAUD_REASON_CODES,
  fraudSettingsSchema,
  type FraudReasonCode,
  type FraudRuleName,
  type FraudSettings,
} from '../../shared/fraud-settings'
export { assessConversion, combineScore, fraudAction, modelIsUsable } from './assess'
export { emailDomain, isDisposableEmail, normaliseEmail } from './email'
export { extractFeatures, FEATURE_NAMES, type FeatureName } from './features'
export { HOSTING_ASNS } from './hosting-asns'
export {
  FraudModel,
  fraudModelJsonSchema,
  trainModel,
  type Explanation,
  type FraudModelJson,
  type TrainOptions,
} from './model'
export { evaluateRules, isClickFlood, isHostingAsn, rulesScore } from './rules'
export {
  FraudState,
  type CountersQuery,
  type FraudStateEvent,
  type FraudStateOptions,
  type ObservedClick,
  type ObservedConversion,
} from './state'
export type { FeatureContribution, FraudClick, FraudInput, FraudReason, FraudVerdict } from './types'
export { agentKind, type AgentKind } from './user-agent'
