// The phone pages take these from the zod-free part of the contract, so zod stays out of their bundle.
export { PHASE_OF as PHASE, MAX_PHOTOS } from '../../server/contract/phase';
