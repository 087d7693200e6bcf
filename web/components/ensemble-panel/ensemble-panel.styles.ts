/** Layout of the ensemble panel: the form in a wrapping row, the probability table, the sensitivity bars. */
import { css } from 'lit';
import { figureTableStyles } from '../../lib/shared-styles.ts';

export const styles = [
  figureTableStyles,
  css`
  :host {
    display: block;
    min-width: 0;
  }
  /* Grid items default to their content's width; let the table scroll instead of widening the card. */
  .card > * {
    min-width: 0;
  }
  .caption {
    color: var(--muted);
    margin: 0 0 8px;
    font-size: 12.5px;
  }
  .form {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 18px;
    align-items: flex-start;
    margin-bottom: 8px;
  }
  .field {
    display: grid;
    gap: 2px;
    max-width: 240px;
  }
  .field label {
    font-weight: 600;
  }
  .field small,
  fieldset small {
    font-size: 11.5px;
    color: var(--muted);
  }
  .field.bad input {
    border-color: var(--bad);
    outline: 1px solid var(--bad);
  }
  small.error {
    color: var(--bad) !important;
    font-weight: 600;
  }
  fieldset.inputs {
    border: 1px solid var(--line);
    border-radius: 4px;
    padding: 4px 10px 6px;
    margin: 0;
    display: grid;
    gap: 2px;
    max-width: 520px;
  }
  fieldset.inputs.bad {
    border-color: var(--bad);
  }
  fieldset legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .est {
    font-size: 10.5px;
    color: var(--warn);
    border: 1px solid currentColor;
    border-radius: 3px;
    padding: 0 3px;
  }
  .status {
    color: var(--muted);
    display: inline-flex;
    gap: 6px;
    align-items: center;
  }
  .message {
    margin: 6px 0;
    padding: 6px 10px;
    border-radius: 4px;
    border-left: 3px solid var(--accent);
    background: var(--panel);
  }
  .message.error {
    border-left-color: var(--bad);
    color: var(--bad);
  }
  .message ul {
    margin: 4px 0 0;
    padding-left: 18px;
  }
  table {
    margin-top: 6px;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: left;
    min-width: 9em;
  }
  thead th {
    min-width: 5.5em;
  }
  td.bands {
    white-space: nowrap;
  }
  .ci {
    color: var(--muted);
    font-size: 11.5px;
    white-space: nowrap;
  }
  .failed {
    color: var(--bad);
    font-size: 11.5px;
  }
  h3.sub {
    font-size: 13.5px;
    margin: 12px 0 4px;
  }
  .empty.small {
    padding: 8px;
  }
  .plot {
    width: 100%;
  }
`,
];
