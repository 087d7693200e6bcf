/** Layout of the guided lab: a collapsible list of contrasts in the side bar. */
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  details {
    border: 1px solid var(--line);
    border-radius: 5px;
    margin: 0 0 8px;
    padding: 4px 8px;
    background: #fff;
  }
  summary {
    font-weight: 600;
    cursor: pointer;
  }
  ol {
    margin: 6px 0 2px;
    padding-left: 20px;
  }
  li {
    margin: 0 0 8px;
  }
  li p {
    margin: 2px 0;
    font-size: 12.5px;
  }
  .q {
    color: var(--muted);
  }
  .look {
    background: var(--panel);
    border-left: 3px solid var(--accent);
    padding: 4px 8px;
  }
  button {
    font-size: 12px;
  }
  button.why {
    border: none;
    background: none;
    color: var(--accent);
    text-decoration: underline;
    padding: 0 4px;
    cursor: pointer;
  }
`;
