/** Layout of the per-protocol variant form beyond the side-bar form (sideBarFormStyles): a narrower label column. */
import { css } from 'lit';
import { sideBarFormStyles } from '../../lib/shared-styles.ts';

export const styles = [
  sideBarFormStyles,
  css`
  :host {
    --row-label: 7em;
  }
  select {
    width: 100%;
    min-width: 0;
  }
`,
];
