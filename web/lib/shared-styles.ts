/**
 * Styles shared by every component (controls, cards, notes), so a researcher sees
 * one consistent, keyboard-visible look. Colours meet WCAG AA contrast on white.
 */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    --ink: #1d2733;
    --muted: #52606d;
    --line: #d3dae1;
    --panel: #f5f7f9;
    --accent: #0072b2;
    --bad: #b3261e;
    --good: #1b6e3a;
    --warn: #8a5a00;
    color: var(--ink);
    font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  *:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 2px;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    border: 1px solid #9aa5b1;
    background: #fff;
    border-radius: 4px;
    padding: 3px 9px;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: #eef3f8;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: #fff;
    font-weight: 600;
  }
  button.primary:hover:not(:disabled) {
    background: #005a8c;
  }
  input[type='number'],
  input[type='text'],
  select,
  textarea {
    border: 1px solid #9aa5b1;
    border-radius: 3px;
    padding: 2px 5px;
    background: #fff;
  }
  input[type='number'] {
    width: 6.5em;
  }
  .card {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 230px;
    gap: 12px;
    border: 1px solid var(--line);
    border-radius: 6px;
    background: #fff;
    padding: 10px 12px;
  }
  .card h2 {
    font-size: 15px;
    margin: 0 0 4px;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 14px;
    align-items: center;
    margin-bottom: 4px;
  }
  .controls label {
    display: inline-flex;
    gap: 5px;
    align-items: center;
  }
  .note {
    font-size: 12.5px;
    color: #33414e;
    background: var(--panel);
    border-left: 3px solid var(--accent);
    padding: 8px 10px;
    border-radius: 0 4px 4px 0;
    align-self: start;
  }
  .note h3 {
    font-size: 12.5px;
    margin: 0 0 4px;
  }
  .note p {
    margin: 0 0 6px;
  }
  .empty {
    color: var(--muted);
    padding: 30px 10px;
    text-align: center;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  /* A long option text must not widen a card past a phone's screen. */
  .controls select {
    max-width: 100%;
    min-width: 0;
  }
  .controls label {
    max-width: 100%;
  }
  @media (max-width: 1100px) {
    .card {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;

/**
 * The side bar's forms (anatomy panel, protocol variant, scenario editor): a framed group with
 * its legend, label / value rows, units and hints. `--row-label` sets the label column's width.
 */
export const sideBarFormStyles = css`
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
    grid-template-columns: var(--row-label, 9.5em) minmax(0, 1fr);
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
`;

/** A table of figures per protocol (verdict table, ensemble panel): right-aligned numbers, ruled rows, a muted header, colour swatches. */
export const figureTableStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    border-bottom: 1px solid var(--line);
    padding: 4px 6px;
    text-align: right;
    vertical-align: top;
  }
  thead th {
    font-size: 12px;
    color: var(--muted);
    font-weight: 600;
    background: var(--panel);
  }
  /* a protocol's colour beside its name */
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 2px;
    margin-right: 6px;
  }
  /* On a narrow screen a table scrolls sideways rather than squeezing its names to a letter. */
  .table-wrap {
    overflow-x: auto;
  }
`;

/**
 * A chart card with a time slider and its read-out (lethal-zone chart, temperature map); a
 * component sizes them with --plot-min-height, --slider-width and --readout-width.
 */
export const sliderChartStyles = css`
  .plot {
    width: 100%;
    min-height: var(--plot-min-height, 340px);
  }
  input[type='range'] {
    width: var(--slider-width, 180px);
  }
  output {
    min-width: var(--readout-width, 6em);
    font-variant-numeric: tabular-nums;
  }
`;
