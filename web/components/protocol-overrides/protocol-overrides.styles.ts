/** Layout of the per-protocol variant form: two labelled selects in the side bar. */
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  fieldset {
    border: 1px solid var(--line);
    border-radius: 5px;
    margin: 0 0 8px;
    padding: 6px 8px 8px;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .row {
    display: grid;
    grid-template-columns: 7em minmax(0, 1fr);
    gap: 4px 8px;
    align-items: center;
    margin: 3px 0;
  }
  select {
    width: 100%;
    min-width: 0;
  }
  .hint {
    color: var(--muted);
    font-size: 11.5px;
    margin: 3px 0;
  }
`;
