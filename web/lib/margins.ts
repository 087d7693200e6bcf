/** The verdict margins a workspace starts with (values and sources in web/ui-presets.ts). */
import type { Margins } from './analysis.ts';
import { VERDICT_DEFAULTS } from '../ui-presets.ts';

export function defaultMargins(): Margins {
  return {
    skin_margin_mm: VERDICT_DEFAULTS.skin_margin_mm.value,
    nerve_target_c: VERDICT_DEFAULTS.nerve_target_c.value,
    skin_limit_c: VERDICT_DEFAULTS.skin_limit_c.value,
  };
}
