/**
 * What the cases context offers the others (the only module of it they import, with its table layout): a
 * publication's state and what the public reads of it (credit's public entity page shows an entity's live decisions).
 */
export { isLive, type Publication, publicView } from './domain/decision-publicity.ts';
