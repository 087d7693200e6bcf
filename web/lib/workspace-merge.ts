/**
 * What comes in from outside the page — a saved workspace at start-up, a share
 * link, a scenario file, a whole-workspace file — merged into the workspace as
 * pure functions. The rule they share: work this browser holds is never lost.
 * A user protocol is never overwritten (the newcomer gets a fresh id), and a
 * built-in the user edited is kept as a user copy before the published one
 * takes its place. The shell offers the workspace from before as an Undo.
 */
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { isBuiltin, publishedProcedure } from './builtins.ts';
import { safeFilename } from './export.ts';
import { MAX_PINS } from '../ui-presets.ts';
import { anatomyOf, newUserId, procedureOf, type ProtocolEntry, type Workspace } from './workspace.ts';

/**
 * Built-ins the user did not edit become the published ones (an older save may hold a damaged
 * placement); built-ins added in a newer version are appended, unticked.
 */
export function refreshBuiltins(ws: Workspace): Workspace {
  const protocols = ws.protocols.map((p) => (p.origin === 'builtin' && !p.edited && isBuiltin(p.id) ? { ...p, procedure: publishedProcedure(p.id)! } : p));
  for (const id of Object.keys(BUILTIN_SCENARIOS)) {
    if (!protocols.some((p) => p.id === id)) protocols.push({ id, origin: 'builtin', procedure: publishedProcedure(id)! });
  }
  return { ...ws, protocols };
}

/** Every built-in back to its published form; the edited ones first copied out as user protocols. */
function publishBuiltinsKeepingEdits(ws: Workspace): { protocols: ProtocolEntry[]; keptCopies: ProtocolEntry[] } {
  const keptCopies: ProtocolEntry[] = [];
  let scratch = ws;
  const protocols = ws.protocols.map((p): ProtocolEntry => {
    if (p.origin !== 'builtin') return p;
    if (p.edited) {
      const copy: ProtocolEntry = { id: newUserId(scratch, `${p.id}-edited`), origin: 'user', procedure: { ...p.procedure, name: `${p.procedure.name} (your edits)` }, ...(p.overrides ? { overrides: p.overrides } : {}) };
      keptCopies.push(copy);
      scratch = { ...scratch, protocols: [...scratch.protocols, copy] };
    }
    return { id: p.id, origin: 'builtin', procedure: publishedProcedure(p.id) ?? p.procedure, ...(p.overrides ? { overrides: p.overrides } : {}) };
  });
  return { protocols, keptCopies };
}

export interface LinkMerge {
  ws: Workspace;
  /** the id the link's scenario got */
  id: string;
  keptCopies: ProtocolEntry[];
  /** compared ids the link names that this version does not have */
  unknown: string[];
}

/**
 * A share link's scenario: its anatomy replaces the shared one and it becomes the selected
 * protocol, compared with the built-ins the link names; the user's own protocols stay.
 */
export function mergeLinkedScenario(ws: Workspace, file: ScenarioFile, wantedId: string, compareIds: string[]): LinkMerge {
  const anatomy = anatomyOf(file, `${String(file.name ?? 'shared scenario')} (from link)`);
  anatomy.assumptions = [];
  const wanted = wantedId || 'shared';
  const id = isBuiltin(wanted) || !ws.protocols.some((p) => p.id === wanted) ? wanted : newUserId(ws, 'shared');
  const { protocols: published, keptCopies } = publishBuiltinsKeepingEdits(ws);
  const protocols = [
    { id, origin: isBuiltin(id) ? ('builtin' as const) : ('user' as const), procedure: procedureOf(file) },
    ...published.filter((p) => p.id !== id),
    ...keptCopies,
  ];
  const compare = [id, ...compareIds.filter((c) => c !== id && protocols.some((p) => p.id === c))];
  const unknown = compareIds.filter((c) => !protocols.some((p) => p.id === c));
  return { ws: { ...ws, anatomy, protocols, compare, selected: id }, id, keptCopies, unknown };
}

/** A scenario file opened by the user: a new protocol, ticked and selected, whose anatomy the others now share. */
export function addImportedScenario(ws: Workspace, file: ScenarioFile, label: string): { ws: Workspace; id: string } {
  const anatomy = anatomyOf(file, `${label} (uploaded)`);
  anatomy.assumptions = [];
  const base = safeFilename(String(file.name ?? 'uploaded')).toLowerCase().slice(0, 40).replace(/[^a-z0-9]+$/, '') || 'uploaded';
  const id = newUserId(ws, base);
  const protocols: ProtocolEntry[] = [...ws.protocols, { id, origin: 'user', procedure: procedureOf(file) }];
  return { ws: { ...ws, anatomy, protocols, selected: id, compare: [...ws.compare, id] }, id };
}

export type WorkspaceMerge =
  | { ok: true; ws: Workspace; /** this browser's protocols kept beside the imported ones */ kept: ProtocolEntry[]; keptPins: number }
  | { ok: false; reason: string };

const sameEntry = (a: ProtocolEntry, b: ProtocolEntry) =>
  JSON.stringify([a.procedure, a.overrides ?? null]) === JSON.stringify([b.procedure, b.overrides ?? null]);

/**
 * A whole workspace from a file or link replaces this one: its anatomy, protocols, ticks,
 * margins and pins. What only this browser holds — its own protocols, edited built-ins, pins
 * and bench — is kept beside them (unticked) unless the import already has an identical one.
 * Refused, with nothing changed, when the pins together would pass the pin limit.
 */
export function importWorkspace(current: Workspace, incoming: Workspace): WorkspaceMerge {
  let ws = refreshBuiltins(incoming);
  const kept: ProtocolEntry[] = [];
  for (const p of current.protocols) {
    if (p.origin === 'builtin' && !p.edited) continue;
    if (ws.protocols.some((q) => sameEntry(p, q))) continue;
    const clash = ws.protocols.some((q) => q.id === p.id);
    const entry: ProtocolEntry = clash
      ? { ...p, id: newUserId(ws, `${p.id}-mine`), origin: 'user', edited: undefined, procedure: { ...p.procedure, name: `${p.procedure.name} (yours, before the import)` } }
      : { ...p, origin: 'user' };
    if (!entry.edited) delete entry.edited;
    kept.push(entry);
    ws = { ...ws, protocols: [...ws.protocols, entry] };
  }
  const incomingPins = ws.pins ?? [];
  const key = (p: { name: string; pinned_at: string }) => `${p.pinned_at}\u0000${p.name}`;
  const ownPins = (current.pins ?? []).filter((p) => !incomingPins.some((q) => key(q) === key(p)));
  if (incomingPins.length + ownPins.length > MAX_PINS.value) {
    return {
      ok: false,
      reason: `it has ${incomingPins.length} pinned results and this browser ${ownPins.length} others, more than the ${MAX_PINS.value} a workspace keeps; remove some pins first, or import it without pinned results`,
    };
  }
  const pins = [...incomingPins];
  for (const p of ownPins) {
    let n = pins.length + 1;
    while (pins.some((q) => q.id === `p${n}`)) n++;
    const name = pins.some((q) => q.name === p.name) ? `${p.name} (yours)` : p.name;
    pins.push({ ...p, id: `p${n}`, name });
  }
  const { pins: _in, bench, ...rest } = ws;
  const benchSetup = bench ?? current.bench;
  return {
    ok: true,
    ws: { ...rest, ...(pins.length ? { pins } : {}), ...(benchSetup ? { bench: benchSetup } : {}) },
    kept,
    keptPins: ownPins.length,
  };
}
