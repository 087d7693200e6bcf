/** Layout of the temperature map card. */
import { css } from 'lit';
import { sliderChartStyles } from '../../lib/shared-styles.ts';

export const styles = [
  sliderChartStyles,
  css`
  :host {
    --plot-min-height: 380px;
    --slider-width: 220px;
    --readout-width: 8em;
  }
  input.levels {
    width: 8em;
  }
  .err {
    color: var(--bad);
  }
`,
];
