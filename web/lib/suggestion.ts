/**
 * A suggested schedule (the "Suggest a protocol" search) added to the workspace: a copy of the
 * protocol it started from — same device, placement and this-protocol-only overrides — with the
 * suggested phases, a name that says so and an assumption recording how it was found; ticked
 * beside the original and selected.
 */
import type { PhaseSpec } from '../../scenarios/schema.ts';
import { newUserId, type ProtocolEntry, type Workspace } from './workspace.ts';

/** The `protocol-suggested` event's detail. */
export interface SuggestedProtocol {
  baseId: string;
  name: string;
  protocol: PhaseSpec[];
  /** how it was found (target, probability, members, seed), kept with its assumptions */
  note: string;
}

export function withSuggestion(ws: Workspace, s: SuggestedProtocol): { ws: Workspace; id: string } | null {
  const base = ws.protocols.find((p) => p.id === s.baseId);
  if (!base) return null;
  const id = newUserId(ws, `${s.baseId}-suggested`);
  const procedure = { ...structuredClone(base.procedure), name: s.name, protocol: structuredClone(s.protocol) };
  procedure.assumptions = [...(procedure.assumptions ?? []), s.note];
  const entry: ProtocolEntry = { id, origin: 'user', procedure, ...(base.overrides ? { overrides: structuredClone(base.overrides) } : {}) };
  return { ws: { ...ws, protocols: [...ws.protocols, entry], compare: [...ws.compare, id], selected: id }, id };
}
