import type { RecordedEvent } from './recorded-event.ts';

/**
 * How a kind of stream folds (DESIGN §4: state is a fold over events; the head's copy is a cache). Each context
 * declares one per kind of stream it writes; `npm run rebuild-heads -- --check` refolds every stream with them and
 * reports each head whose state differs.
 */
export interface StreamFold {
  /** The streams it folds: those whose name starts with this (`case/`). */
  prefix: string;
  /**
   * The state the head must hold after these events, all of the stream's in order. `head` is what the head item
   * carries besides: its owning agency, and the cached state (for what a first event does not record, such as a
   * case's region, which comes from its entity's record).
   */
  fold(events: readonly RecordedEvent[], head: { agency: string; state: unknown }): unknown;
  /**
   * The index keys (`gsi1pk` … `gsi3sk`) the head carries for a state, when the context derives them from the state
   * alone (the function its commands write with): the check then compares them too, and a rebuild writes them, so an
   * index added by a later version reaches the heads written before it.
   */
  index?(state: unknown): Record<string, string>;
}
