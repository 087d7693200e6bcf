/**
 * The edits the workbench makes to its workspace, as pure functions: each takes a
 * workspace and returns the next one (or the same one when the edit does not apply),
 * so the shell only wires events to them and every rule here is unit-tested.
 */
import type { ScenarioFile, Vec3 } from '../../scenarios/schema.ts';
import { PUBLISHED_ADJUNCTS, type AdjunctChoice } from '../../scenarios/placement.ts';
import { anatomyAssumptions } from './anatomy-text.ts';
import { isBuiltin, publishedProcedure } from './builtins.ts';
import { withFileDevice, type FileDevice } from './device-file.ts';
import { describeOverrides, keepOverridesOnEdit, withOverrides, type AnatomyOverrides } from './overrides.ts';
import { anatomyOf, combine, moveNerve, newUserId, split, type Anatomy, type ProtocolEntry, type Workspace } from './workspace.ts';

/** How a variant's tissue and skin are put in words (the protocol-overrides component supplies them). */
export type OverrideWords = Parameters<typeof describeOverrides>[1];

export const protocolEntry = (ws: Workspace, id: string): ProtocolEntry | undefined => ws.protocols.find((p) => p.id === id);

/** A protocol as a `cryo-scenario/1` file on the current anatomy, with its own variant applied. */
export function protocolScenario(ws: Workspace, id: string, words: OverrideWords): ScenarioFile | null {
  const e = protocolEntry(ws, id);
  if (!e) return null;
  const file = combine(ws.anatomy, e.procedure, ws.adjuncts);
  return e.overrides ? withOverrides(file, e.overrides, describeOverrides(e.overrides, words)) : file;
}

/** The ticked protocols that still exist. */
export const comparedIds = (ws: Workspace): string[] => ws.compare.filter((id) => protocolEntry(ws, id));

export const adjunctChoice = (ws: Workspace): AdjunctChoice => ws.adjuncts ?? PUBLISHED_ADJUNCTS;

/** The anatomy panel's edit: the anatomy's own words follow its numbers; a moved nerve moves probes if asked. */
export function editAnatomy(ws: Workspace, anatomy: Anatomy, nerveTo: Vec3 | undefined, moveProbes: boolean): Workspace {
  const next: Workspace = { ...ws, anatomy: { ...anatomy, assumptions: anatomyAssumptions(anatomy, adjunctChoice(ws)) } };
  return nerveTo ? moveNerve(next, nerveTo, moveProbes) : next;
}

export function setAdjuncts(ws: Workspace, choice: AdjunctChoice): Workspace {
  return { ...ws, adjuncts: choice, anatomy: { ...ws.anatomy, assumptions: anatomyAssumptions(ws.anatomy, choice) } };
}

/** Takes another scenario's anatomy (keeping the current grid spacing); its protocol stays out. */
export function adoptAnatomy(ws: Workspace, file: ScenarioFile): Workspace {
  const anatomy = anatomyOf(file, `${file.name} (anatomy)`);
  anatomy.assumptions = (file.assumptions ?? []).filter((a) => /^(anatomy|skin):/.test(a));
  if (anatomy.geometry) anatomy.geometry = { ...anatomy.geometry, spacing_mm: ws.anatomy.geometry?.spacing_mm ?? anatomy.geometry.spacing_mm };
  return { ...ws, anatomy };
}

/** The editor's change to the selected protocol: its variant keeps its own fields, the shared anatomy gets the rest. */
export function editSelected(ws: Workspace, edited: ScenarioFile): Workspace {
  const was = protocolEntry(ws, ws.selected);
  const { file, overrides } = keepOverridesOnEdit(edited, was?.overrides, ws.anatomy);
  const { anatomy, procedure } = split(file, ws.anatomy.label, ws.anatomy, was?.procedure);
  const protocols = ws.protocols.map((p) => (p.id === ws.selected ? { ...p, procedure, edited: true, ...(overrides ? { overrides } : {}) } : p));
  return { ...ws, anatomy, protocols };
}

export function setOverrides(ws: Workspace, id: string, overrides: AnatomyOverrides | undefined): Workspace {
  const protocols = ws.protocols.map((p) => {
    if (p.id !== id) return p;
    const { overrides: _old, ...rest } = p;
    return overrides ? { ...rest, overrides } : rest;
  });
  return { ...ws, protocols };
}

/** Ticks or unticks a protocol, keeping the list's order so columns and colours stay put. */
export function toggleCompare(ws: Workspace, id: string, on: boolean): Workspace {
  const compare = on ? [...new Set([...ws.compare, id])] : ws.compare.filter((c) => c !== id);
  return { ...ws, compare: ws.protocols.map((p) => p.id).filter((p) => compare.includes(p)) };
}

/** A user copy of a protocol, ticked and selected. */
export function duplicateProtocol(ws: Workspace, id: string): Workspace {
  const src = protocolEntry(ws, id);
  if (!src) return ws;
  const newId = newUserId(ws);
  const procedure = structuredClone(src.procedure);
  procedure.name = `${procedure.name} (copy)`;
  return { ...ws, protocols: [...ws.protocols, { id: newId, origin: 'user', procedure }], selected: newId, compare: [...ws.compare, newId] };
}

/** Deletes a user protocol (built-ins are reset, never deleted). */
export function removeProtocol(ws: Workspace, id: string): Workspace {
  if (protocolEntry(ws, id)?.origin !== 'user') return ws;
  const protocols = ws.protocols.filter((p) => p.id !== id);
  return { ...ws, protocols, compare: ws.compare.filter((c) => c !== id), selected: ws.selected === id ? (protocols[0]?.id ?? '') : ws.selected };
}

export function resetBuiltin(ws: Workspace, id: string): Workspace {
  const procedure = isBuiltin(id) ? publishedProcedure(id) : null;
  return procedure ? { ...ws, protocols: ws.protocols.map((p) => (p.id === id ? { id, origin: 'builtin', procedure } : p)) } : ws;
}

/** A copy of every ticked protocol with a device from a file, ticked beside its original. */
export function addDeviceCopies(ws: Workspace, dev: FileDevice): { ws: Workspace; added: string[] } {
  let next = ws;
  const added: string[] = [];
  for (const id of comparedIds(ws)) {
    const src = protocolEntry(ws, id)!;
    const newId = newUserId(next, `${id}-device`);
    const entry: ProtocolEntry = { id: newId, origin: 'user', procedure: withFileDevice(src.procedure, dev), ...(src.overrides ? { overrides: structuredClone(src.overrides) } : {}) };
    next = { ...next, protocols: [...next.protocols, entry] };
    added.push(newId);
  }
  return { ws: added.length ? { ...next, compare: [...next.compare, ...added] } : ws, added };
}

export function togglePin(ws: Workspace, id: string, shown: boolean): Workspace {
  return { ...ws, pins: (ws.pins ?? []).map((p) => (p.id === id ? { ...p, shown } : p)) };
}

export function removePin(ws: Workspace, id: string): Workspace {
  const pins = (ws.pins ?? []).filter((p) => p.id !== id);
  const { pins: _old, ...rest } = ws;
  return pins.length ? { ...rest, pins } : rest;
}
