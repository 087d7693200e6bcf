/** Layout of the probe bench: a compact setup form, the manufacturer table, two charts. */
import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .plot {
    width: 100%;
    min-height: 300px;
  }
  form {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(210px, 1fr));
    gap: 6px 14px;
    margin: 6px 0;
  }
  form .field.device {
    grid-column: span 2;
  }
  @media (max-width: 600px) {
    form .field.device {
      grid-column: auto;
    }
  }
  form .field .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  form .field button {
    align-self: flex-start;
    font-size: 12px;
  }
  form label,
  form .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 12px;
    color: var(--muted);
  }
  form select,
  form input {
    color: var(--ink);
    font-size: 13px;
    min-width: 0;
  }
  form input[type='number'] {
    width: auto;
  }
  .field-error {
    color: var(--bad);
    font-size: 12px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 10px;
    align-items: center;
    margin: 6px 0;
  }
  .status {
    font-size: 12px;
    color: var(--muted);
    font-variant-numeric: tabular-nums;
  }
  .warn {
    background: #fff6e5;
    border: 1px solid #e0b050;
    color: #6b4500;
    border-radius: 5px;
    padding: 6px 10px;
    margin: 6px 0;
  }
  .err {
    color: var(--bad);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    min-width: min(100%, 640px);
  }
  th,
  td {
    border-bottom: 1px solid var(--line);
    padding: 4px 8px;
    text-align: right;
    white-space: nowrap;
  }
  thead th {
    font-size: 12px;
    color: var(--muted);
    background: var(--panel);
  }
  abbr {
    text-decoration: none;
    font-weight: 400;
  }
  th[scope='row'] {
    text-align: left;
  }
  td .sub {
    display: block;
    font-size: 11px;
    color: var(--muted);
  }
  .caption {
    font-size: 12px;
    color: var(--muted);
    margin: 4px 0;
  }
  .caption.draft {
    color: var(--warn);
  }
  h3 {
    font-size: 13.5px;
    margin: 12px 0 4px;
  }
  .diff-big {
    color: var(--bad);
    font-weight: 600;
  }
`;
