/** Layout of the temperature map card. */
import { css } from 'lit';

export const styles = css`
  .plot {
    width: 100%;
    min-height: 380px;
  }
  input[type='range'] {
    width: 220px;
  }
  output {
    min-width: 8em;
    font-variant-numeric: tabular-nums;
  }
  input.levels {
    width: 8em;
  }
  .err {
    color: var(--bad);
  }
`;
