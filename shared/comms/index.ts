export { normalize } from './normalize.ts';
export { AWP_PHRASES, hasAwpPrefix, isAwpOnlySubject } from './awp.ts';
export { blamesOthers, containsSecurityCliche, describesAffectedData, describesTimeline, givesCustomerActions, hasDateInTitle } from './statement.ts';
export { isExternalAddress, isSecureChannelRedirect, mentionsCodename, mentionsIncident } from './channels.ts';
export { makesPromises, namesInternalSystem, namesParty, revealsCredential, secretIn } from './secrets.ts';
