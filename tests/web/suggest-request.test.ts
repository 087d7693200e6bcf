/**
 * "Suggest a protocol": the form's checks (every hostile entry gets a message naming the field
 * and the fix; nothing is requested until all are fixed), the request it builds (the options
 * `cryo optimise` takes, with the ensemble form's members and seed; one member is a
 * deterministic search), and adding a suggestion to the workspace (a copy of its base with the
 * suggested phases, ticked and selected).
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { checkSuggestForm, defaultSuggestForm, scheduleText } from '../../web/lib/suggest-request.ts';
import { withSuggestion } from '../../web/lib/suggestion.ts';
import type { Workspace } from '../../web/lib/workspace.ts';
import { tinyScenario } from '../sweep/sweep-fixtures.ts';

const file = tinyScenario() as unknown as Record<string, unknown>;
const v = validateScenario(file);
if (!v.ok) throw new Error('fixture invalid');
const base = { file, scenario: v.scenario };
const ensemble = { samples: 8, seed: 5, placementSdMm: 1, inputs: ['perfusion' as const] };

describe('the suggest form', () => {
  it('names every bad field and requests nothing', () => {
    const form = { ...defaultSuggestForm('p', 5), probability: '1.5', skinMarginMm: '-2', maxTotalMin: 'abc', cycles: [2], thaws: [], thawS: '0', toleranceS: '0.5', maxRuns: '1e9' };
    const { request, errors } = checkSuggestForm(form, base, ensemble);
    expect(request).toBeNull();
    expect(errors.probability).toMatch(/above 0 and at most 1.*“1.5”/);
    expect(errors.skinMarginMm).toMatch(/from 0 to 50 mm, or empty/);
    expect(errors.maxTotalMin).toMatch(/Maximum total time.*“abc”/);
    expect(errors.thaws).toMatch(/Allow a thaw type/);
    expect(errors.thawS).toMatch(/Thaw must be from 1 to 3600 s/);
    expect(errors.toleranceS).toMatch(/whole number of seconds/);
    expect(errors.maxRuns).toMatch(/from 1 to 4000/);
    expect(checkSuggestForm({ ...defaultSuggestForm('p', 5), maxRuns: '4' }, base, ensemble).errors.maxRuns).toMatch(/less than one candidate's 8 member runs/);
    expect(checkSuggestForm(defaultSuggestForm('p', 5), null, ensemble).errors.baseId).toMatch(/Choose a ticked protocol/);
  });

  it('builds the cryo optimise request: the base thaw, the ensemble members and seed; one member is deterministic', () => {
    const { request, errors } = checkSuggestForm({ ...defaultSuggestForm('p', 5), maxTotalMin: '10', cycles: [2, 1] }, base, ensemble);
    expect(errors).toEqual({});
    expect(request!.search).toMatchObject({ probability: 0.9, skinMarginMm: 5, maxTotalS: 600, cycles: [1, 2], thaws: ['passive'], thawS: 20, toleranceS: 15, objective: 'shortest' });
    expect(request!.uncertainty).toMatchObject({ samples: 8, seed: 5, placement_error_mm: [1, 0, 1] });
    expect(request!.uncertainty!.inputs.map((i) => i.path)).toEqual(['tissue.perfusion_w_m3k']);
    expect('uncertainty' in request!.file).toBe(false);
    const det = checkSuggestForm({ ...defaultSuggestForm('p', 5), skinMarginMm: '' }, base, { ...ensemble, samples: 1 });
    expect(det.request!.uncertainty).toBeNull();
    expect(det.request!.search.skinMarginMm).toBeNull();
  });

  it('writes a schedule in minutes and seconds', () => {
    expect(scheduleText([{ phase: 'freeze', duration_s: 200 }, { phase: 'passive_thaw', duration_s: 480 }, { phase: 'freeze', duration_s: 200 }])).toBe('freeze 3:20 · passive thaw 8:00 · freeze 3:20');
  });
});

describe('adding a suggestion', () => {
  const ws = {
    version: 1,
    anatomy: { label: 'a' },
    protocols: [{ id: 'p', origin: 'builtin', procedure: { name: 'P', probes: [{ device: 'x' }], protocol: [{ phase: 'freeze', duration_s: 60 }], assumptions: ['published'] }, overrides: { tissue: { preset: 'fat' } } }],
    compare: ['p'],
    selected: 'p',
    margins: { skin_margin_mm: 5, nerve_target_c: -20, skin_limit_c: 0 },
  } as unknown as Workspace;

  it('adds a copy of the base with the phases, its overrides and a note; ticked and selected; the base unchanged', () => {
    const phases = [{ phase: 'freeze' as const, duration_s: 95 }];
    const made = withSuggestion(ws, { baseId: 'p', name: 'P — suggested', protocol: phases, note: 'found so' })!;
    const added = made.ws.protocols.at(-1)!;
    expect(added).toMatchObject({ id: made.id, origin: 'user', procedure: { name: 'P — suggested', probes: [{ device: 'x' }], protocol: phases, assumptions: ['published', 'found so'] }, overrides: { tissue: { preset: 'fat' } } });
    expect(made.ws.compare).toEqual(['p', made.id]);
    expect(made.ws.selected).toBe(made.id);
    expect(ws.protocols[0].procedure.protocol).toEqual([{ phase: 'freeze', duration_s: 60 }]);
    expect(ws.protocols[0].procedure.assumptions).toEqual(['published']);
    expect(withSuggestion(ws, { baseId: 'gone', name: 'x', protocol: phases, note: '' })).toBeNull();
  });
});
