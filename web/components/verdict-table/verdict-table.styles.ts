/** Layout of the verdict table. */
import { css } from 'lit';
import { figureTableStyles } from '../../lib/shared-styles.ts';

export const styles = [
  figureTableStyles,
  css`
  th:first-child,
  td:first-child,
  th:last-child,
  th[scope='row'],
  td.message,
  td.verdict {
    text-align: left;
  }
  th[scope='row'],
  td.message {
    overflow-wrap: anywhere;
  }
  .pass {
    color: var(--good);
    font-weight: 600;
  }
  .fail {
    color: var(--bad);
    font-weight: 600;
  }
  .why {
    display: block;
    font-weight: 400;
    font-size: 12px;
    color: var(--muted);
  }
  tr.error td {
    color: var(--bad);
  }
  .warnings {
    margin: 4px 0 0;
    padding: 0;
    list-style: none;
    font-size: 11.5px;
    color: var(--warn);
  }
  th small.previous {
    display: block;
    font-weight: normal;
    font-size: 11px;
    color: var(--warn);
  }
  /* Phones: each protocol becomes a small card of labelled values (six columns do not fit 390 px). */
  @media (max-width: 600px) {
    thead {
      display: none;
    }
    table,
    tbody,
    tr,
    th[scope='row'],
    td {
      display: block;
    }
    tr {
      border-bottom: 2px solid var(--line);
      padding: 4px 0;
    }
    th,
    td {
      border-bottom: 0;
      padding: 2px 4px;
      text-align: left;
    }
    td[data-label]::before {
      content: attr(data-label) ': ';
      color: var(--muted);
      font-size: 12px;
    }
  }
`,
];
