/** Layout of the bench's calibration card: the parameter table, the paste box, the thermocouple charts. */
import { css } from 'lit';

export const calibrationStyles = css`
  fieldset {
    /* a fieldset is as wide as its content by default: on a phone the table must scroll instead */
    min-width: 0;
    border: 1px solid var(--line);
    border-radius: 5px;
    margin: 8px 0;
    padding: 6px 10px;
  }
  legend {
    font-size: 12px;
    color: var(--muted);
  }
  fieldset table {
    min-width: 0;
  }
  fieldset th[scope='row'] {
    white-space: normal;
    max-width: 360px;
  }
  fieldset th[scope='row'] .sub,
  .cal-file .sub {
    display: block;
    font-size: 11px;
    font-weight: 400;
    color: var(--muted);
  }
  fieldset input[type='number'] {
    width: 8em;
  }
  .field-error {
    display: block;
    font-weight: 400;
  }
  .cal-options {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 16px;
    margin-top: 6px;
    font-size: 12px;
    color: var(--muted);
  }
  .cal-options label {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .cal-options input {
    width: 6em;
  }
  .paste {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 6px 0;
  }
  .paste textarea {
    font-family: ui-monospace, monospace;
    font-size: 12px;
    width: 100%;
    box-sizing: border-box;
  }
  .paste button {
    align-self: flex-start;
  }
  .cal-file {
    font-size: 13px;
  }
  .warn-text {
    color: var(--warn);
  }
  .curves {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
    gap: 8px;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-size: 12px;
    color: var(--muted);
  }
  thead th:first-child,
  #cal-params thead th:nth-child(2) {
    text-align: left;
  }
  .note code {
    overflow-wrap: anywhere;
  }
  #cal-issues ul {
    margin: 4px 0;
    padding-left: 18px;
  }
`;
