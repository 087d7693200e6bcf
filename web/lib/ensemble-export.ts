/**
 * Downloads of a browser ensemble: every member as a CSV row (protocol, sampled inputs,
 * nerve offset, the figures the probabilities are made of, or the member's error), and, when
 * every protocol resolved the same uncertainty section, the `cryo-ensemble/1` document the
 * CLI writes (docs/method.md §5a), which `cryo ensemble merge` and other tools read.
 * Protocol sections differ when an input centres on a protocol's own device (probe output);
 * such an ensemble is not one CLI document, and only the CSV is offered.
 */
import { ENSEMBLE_SCHEMA, type EnsembleFile, type ProtocolEnsemble } from '../../workers/ensemble/ensemble-file.ts';
import type { Uncertainty } from '../../scenarios/schema.ts';

/** One CSV cell; text that a spreadsheet would run as a formula is quoted as text. */
function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function ensembleCsv(protocols: readonly { id: string; label: string; summary: ProtocolEnsemble }[]): string {
  const paths = [...new Set(protocols.flatMap((p) => p.summary.members.flatMap((m) => Object.keys(m.inputs))))];
  const header = [
    'protocol',
    'label',
    'member',
    ...paths,
    'offset_x_mm',
    'offset_y_mm',
    'offset_z_mm',
    'nerve_min_c',
    'nerve_fraction_le_minus20',
    'nerve_fraction_le_minus40',
    'nerve_block_probability',
    'skin_min_c',
    'skin_min_ice_gap_mm',
    'skin_frozen',
    'error',
  ];
  const rows = [header.map(cell).join(',')];
  for (const p of protocols) {
    for (const m of p.summary.members) {
      const f = m.figures;
      rows.push(
        [
          p.id,
          p.label,
          m.index,
          ...paths.map((k) => m.inputs[k]),
          ...m.offset_mm,
          f?.nerve?.min_c,
          f?.nerve?.fraction['-20'],
          f?.nerve?.fraction['-40'],
          f?.nerve?.block_probability,
          f?.skin.min_c,
          f?.skin.min_ice_gap_mm,
          f ? f.skin.frozen : undefined,
          m.error,
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

/** The CLI's document, or null when the protocols' resolved sections differ. */
export function ensembleDocument(
  name: string,
  protocols: readonly { uncertainty: Uncertainty; summary: ProtocolEnsemble }[],
  skinMarginMm: number,
  complete: boolean,
): EnsembleFile | null {
  if (!protocols.length) return null;
  const u = JSON.stringify(protocols[0].uncertainty);
  if (protocols.some((p) => JSON.stringify(p.uncertainty) !== u)) return null;
  return {
    schema: ENSEMBLE_SCHEMA,
    name,
    uncertainty: protocols[0].uncertainty,
    skin_margin_mm: skinMarginMm,
    shard: { index: 1, count: 1 },
    complete: complete && protocols.every((p) => p.summary.members.length === protocols[0].uncertainty.samples),
    protocols: protocols.map((p) => p.summary),
  };
}
