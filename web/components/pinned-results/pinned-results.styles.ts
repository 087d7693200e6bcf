/** Layout of the pinned-results bar: a one-line form and a compact list. */
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  section {
    border: 1px solid var(--line);
    border-radius: 6px;
    background: #fff;
    padding: 8px 12px;
  }
  h2 {
    font-size: 14px;
    margin: 0 0 4px;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 8px;
    align-items: center;
  }
  form input {
    flex: 1 1 14em;
    min-width: 0;
    max-width: 28em;
  }
  ul {
    list-style: none;
    margin: 6px 0 0;
    padding: 0;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 8px;
    align-items: center;
    padding: 3px 0;
    border-top: 1px solid #edf0f3;
  }
  li label {
    display: inline-flex;
    gap: 6px;
    align-items: center;
    font-weight: 600;
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .swatch {
    width: 12px;
    height: 12px;
    border-radius: 2px;
    flex: none;
  }
  small {
    color: var(--muted);
  }
  .hint {
    color: var(--muted);
    font-size: 12px;
    margin: 4px 0 0;
  }
  li button {
    margin-left: auto;
    font-size: 12px;
  }
`;
