/** Layout of the anatomy panel: a compact form in the side bar. */
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
    grid-template-columns: 9.5em minmax(0, 1fr);
    gap: 4px 8px;
    align-items: center;
    margin: 3px 0;
  }
  .unit {
    color: var(--muted);
    font-size: 12px;
  }
  .hint {
    color: var(--muted);
    font-size: 11.5px;
    margin: 3px 0;
  }
  /* A number is a few characters; the unit text beside it must still fit in a narrow side bar. */
  input[type='text'] {
    width: 6.5em;
  }
  select {
    width: 100%;
    min-width: 0;
  }
  input.invalid {
    border-color: var(--bad, #b00020);
    outline: 1px solid var(--bad, #b00020);
  }
  .field-error {
    color: var(--bad, #b00020);
    font-size: 12px;
    margin: 0 0 4px 9.5em;
  }
  .check {
    display: block;
    font-size: 12.5px;
    margin: 3px 0;
  }
  ul {
    margin: 2px 0;
    padding-left: 18px;
    font-size: 12px;
  }
`;
