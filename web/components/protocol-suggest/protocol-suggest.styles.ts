/** Extra styles of "Suggest a protocol": the suggested row stands out, schedules wrap, candidates fold away. */
import { css } from 'lit';

export const suggestStyles = css`
  :host {
    display: block;
    margin-top: 14px;
    border-top: 1px solid var(--line);
    padding-top: 4px;
  }
  select {
    max-width: 240px;
  }
  fieldset.inputs span {
    display: flex;
    gap: 10px;
    flex-wrap: wrap;
  }
  tr.suggested th,
  tr.suggested td {
    background: #eef6fb;
    font-weight: 600;
  }
  .badge {
    background: var(--accent);
    color: #fff;
    border-radius: 3px;
    padding: 0 5px;
    font-size: 11px;
    font-weight: 600;
  }
  td.schedule {
    text-align: left;
    font-size: 12px;
  }
  td.no {
    color: var(--muted);
  }
  td.ok {
    color: #1a7f37;
    font-weight: 600;
  }
  details.candidates {
    margin-top: 8px;
  }
  details.candidates summary {
    cursor: pointer;
    font-weight: 600;
  }
`;
