/** Layout of the lethal-zone chart card. */
import { css } from 'lit';

export const styles = css`
  .plot {
    width: 100%;
    min-height: 340px;
  }
  input[type='range'] {
    width: 180px;
  }
  output {
    min-width: 6em;
    font-variant-numeric: tabular-nums;
  }
  .caption {
    margin: 2px 0 0;
    font-size: 11.5px;
    color: var(--muted);
  }
  .caption.draft {
    color: var(--warn);
  }
  .legend-text {
    color: var(--muted);
    font-size: 12px;
  }
`;
