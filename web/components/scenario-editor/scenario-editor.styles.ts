/** Layout of the scenario editor beyond the side-bar form (sideBarFormStyles): collapsible groups, marks, messages. */
import { css } from 'lit';
import { sideBarFormStyles } from '../../lib/shared-styles.ts';

export const styles = [
  sideBarFormStyles,
  css`
  details {
    border: 1px solid var(--line);
    border-radius: 5px;
    margin-bottom: 6px;
    background: #fff;
  }
  summary {
    cursor: pointer;
    padding: 5px 8px;
    font-weight: 600;
    background: var(--panel);
    border-radius: 5px;
  }
  summary .count {
    color: var(--bad);
    font-weight: 600;
    margin-left: 6px;
  }
  summary .shared {
    color: var(--muted);
    font-weight: 400;
    font-size: 11.5px;
    margin-left: 6px;
  }
  .body {
    padding: 6px 8px 8px;
  }
  .row > label {
    color: #33414e;
  }
  .input {
    display: flex;
    align-items: center;
    gap: 4px;
    flex-wrap: wrap;
    min-width: 0;
  }
  .input select {
    max-width: 100%;
    min-width: 0;
    flex: 1;
  }
  .vec input {
    width: 3.7em;
  }
  input.wide {
    width: 100%;
  }
  .msg {
    grid-column: 2;
    color: var(--bad);
    font-size: 12px;
  }
  .mark {
    font-size: 10.5px;
    border-radius: 3px;
    padding: 0 4px;
    border: 1px solid;
    cursor: help;
    white-space: nowrap;
  }
  .mark.literature {
    color: #0b5394;
    border-color: #9fc5e8;
    background: #eef5fb;
  }
  .mark.estimate {
    color: #7a4f00;
    border-color: #e6c27a;
    background: #fff7e6;
  }
  .mark.set {
    color: #33414e;
    border-color: #c5cdd5;
    background: #f3f5f7;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--bad);
    background: #fff5f5;
  }
  .item {
    border-top: 1px dashed var(--line);
    padding-top: 4px;
    margin-top: 4px;
  }
  .item-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    font-weight: 600;
    font-size: 12px;
  }
  .legend {
    font-size: 11.5px;
    color: var(--muted);
    margin: 0 0 6px;
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    align-items: center;
  }
  .problems {
    border: 1px solid #f0b4b0;
    background: #fff5f5;
    border-radius: 5px;
    padding: 6px 8px;
    margin-bottom: 6px;
    color: var(--bad);
    font-size: 12px;
  }
  .problems ul {
    margin: 2px 0 0;
    padding-left: 18px;
  }
  .assumptions {
    font-size: 12px;
    background: #fff7e6;
    border: 1px solid #e6c27a;
    border-radius: 5px;
    padding: 6px 8px;
    margin-bottom: 6px;
  }
  .assumptions summary {
    background: none;
    padding: 0;
  }
  .assumptions ul {
    margin: 2px 0 0;
    padding-left: 18px;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
  }
  textarea.json {
    min-height: 320px;
    font: 11.5px/1.35 ui-monospace, 'SFMono-Regular', Menlo, monospace;
  }
  .hint {
    margin: 2px 0;
  }
`,
];
