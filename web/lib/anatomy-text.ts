/**
 * Words about the current anatomy, written from its numbers so they follow every
 * edit: the panel's one-line summary, and the `anatomy:` / `skin:` assumptions a
 * scenario built on it carries (the ones a comparison set or a file brought along
 * describe the anatomy as it was then).
 */
import type { AdjunctChoice } from '../../scenarios/placement.ts';
import { TISSUE_PRESETS } from '../../scenarios/presets.ts';
import type { TissuePresetId } from '../../scenarios/schema.ts';
import { SKIN_PROTECTIONS } from '../ui-presets.ts';
import { simpleLayers } from './anatomy-edits.ts';
import type { Anatomy } from './workspace.ts';

const mm = (v: number) => `${Math.round(v * 100) / 100} mm`;

function tissueText(a: Anatomy): string {
  const preset = (a.tissue?.preset ?? 'generic') as TissuePresetId;
  const bulk = (TISSUE_PRESETS[preset]?.label ?? 'custom tissue').toLowerCase();
  const custom = a.tissue && Object.keys(a.tissue).some((k) => k !== 'preset') ? ' (properties edited)' : '';
  const layers = simpleLayers(a.layers);
  const over = !a.layers?.length
    ? ''
    : layers
      ? [layers.skin_mm > 0 ? `${mm(layers.skin_mm)} of skin` : '', layers.fat_mm > 0 ? `${mm(layers.fat_mm)} of fat` : ''].filter(Boolean).join(' then ') + ' over '
      : 'custom layers over ';
  return `${over}${bulk}${custom}`;
}

function skinText(a: Anatomy): string {
  const p = SKIN_PROTECTIONS.find((x) => JSON.stringify(x.skin) === JSON.stringify(a.skin ?? SKIN_PROTECTIONS[0].skin));
  return p ? p.label.toLowerCase() : 'custom skin boundary';
}

/** One line: the nerve, the tissue and the skin as they are now. */
export function describeAnatomy(a: Anatomy, adjuncts?: AdjunctChoice): string {
  const n = a.nerve;
  const nerve = n
    ? `nerve ${mm(n.diameter_mm)} across, centre ${mm(n.center_mm[2])} deep${adjuncts?.placement === 'published' ? '' : `, ${mm(Math.hypot(n.center_mm[0], n.center_mm[1]))} from the probe axis`}`
    : 'no nerve';
  const skin = adjuncts?.skin === 'published' ? `skin: ${skinText(a)} unless the protocol protects it` : `skin: ${skinText(a)}`;
  return `${nerve} · ${tissueText(a)} · ${skin}`;
}

/** The anatomy's assumptions after an edit: its own description replaces the `anatomy:` and `skin:` lines it had. */
export function anatomyAssumptions(a: Anatomy, adjuncts?: AdjunctChoice): string[] {
  const kept = (a.assumptions ?? []).filter((x) => !x.startsWith('anatomy:') && !x.startsWith('skin:'));
  const n = a.nerve;
  const size = a.geometry?.size_mm ?? [];
  const lines = [
    n
      ? `anatomy: nerve ${mm(n.diameter_mm)} in diameter, centre ${mm(n.center_mm[2])} deep; ` +
        (adjuncts?.placement === 'published' ? "each protocol's probe placed as its paper places it relative to the nerve" : `centre ${mm(Math.hypot(n.center_mm[0], n.center_mm[1]))} from every probe axis`)
      : 'anatomy: no nerve',
    `anatomy: ${tissueText(a)}; model ${size.map((v) => mm(v)).join(' × ')}`,
    `skin: ${skinText(a)}${adjuncts?.skin === 'published' ? " (protocols whose paper protects the skin keep their own protection)" : ''}`,
  ];
  return [...lines, ...kept];
}
