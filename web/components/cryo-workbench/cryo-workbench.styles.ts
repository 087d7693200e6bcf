/** Page layout: header, side panel (setup / editor), scrolling main area of chart cards. */
import { css } from 'lit';

export const styles = css`
  :host {
    display: grid;
    grid-template-rows: auto auto 1fr;
    height: 100vh;
    background: #eef1f4;
  }
  header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 6px 12px;
    background: #0b2942;
    color: #fff;
    flex-wrap: wrap;
  }
  header h1 {
    font-size: 16px;
    margin: 0 8px 0 0;
    font-weight: 650;
    letter-spacing: 0.2px;
  }
  header h1 small {
    font-weight: 400;
    color: #b8c7d6;
    font-size: 12px;
  }
  header button {
    background: #fff;
    border-color: #fff;
    color: var(--ink);
  }
  header button:disabled,
  header button.primary:disabled {
    background: #c9d3dc;
    border-color: #c9d3dc;
    opacity: 1;
    color: #52606d;
  }
  header button.primary {
    background: #56b4e9;
    border-color: #56b4e9;
    color: #0b2942;
  }
  header button.primary:hover:not(:disabled) {
    background: #8fd0f2;
  }
  header button:hover:not(:disabled) {
    background: #e6eef5;
  }
  header .spacer {
    flex: 1;
  }
  header .status {
    font-size: 12px;
    color: #d8e2ec;
    font-variant-numeric: tabular-nums;
  }
  header .saved-bad {
    color: #ffb4a9;
  }
  progress {
    width: 90px;
    height: 10px;
  }
  /* Keep the header on one line on a 1366-px laptop while a run reports progress. */
  @media (max-width: 1500px) {
    header h1 small {
      display: none;
    }
  }
  .notices {
    padding: 0 12px;
  }
  .notice {
    margin: 6px 0 0;
    padding: 6px 10px;
    border-radius: 5px;
    display: flex;
    gap: 10px;
    align-items: flex-start;
    font-size: 12.5px;
  }
  .notice.error {
    background: #fff1f0;
    border: 1px solid #f0b4b0;
    color: #8c1d18;
  }
  .notice.info {
    background: #eef5fb;
    border: 1px solid #9fc5e8;
    color: #0b3a5e;
  }
  .notice ul {
    margin: 2px 0 0;
    padding-left: 18px;
  }
  .notice .text {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .layout {
    display: grid;
    grid-template-columns: 390px minmax(0, 1fr);
    min-height: 0;
  }
  @media (max-width: 1200px) {
    .layout {
      grid-template-columns: 330px minmax(0, 1fr);
    }
  }
  /*
   * The panes scroll, and hold what is positioned inside them: otherwise a visually hidden
   * (.sr-only, position: absolute) label far down a pane is placed against the page and makes the
   * page itself scroll, sliding the whole workbench up over an empty background.
   */
  aside.side,
  main {
    position: relative;
  }
  aside.side {
    overflow-y: auto;
    background: #fbfcfd;
    border-right: 1px solid var(--line);
    padding: 8px 10px 20px;
  }
  main {
    overflow-y: auto;
    padding: 10px 12px 30px;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .tabs {
    display: flex;
    gap: 4px;
    margin-bottom: 8px;
  }
  .tabs button[aria-selected='true'] {
    background: var(--accent);
    color: #fff;
    border-color: var(--accent);
  }
  .protocols {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .protocols li {
    display: grid;
    grid-template-columns: auto 12px 1fr auto;
    gap: 6px;
    align-items: center;
    padding: 4px 4px;
    border-bottom: 1px solid #edf0f3;
  }
  .protocols li.selected {
    background: #e6f0f8;
    border-radius: 4px;
  }
  .protocols .swatch {
    width: 12px;
    height: 12px;
    border-radius: 2px;
  }
  .protocols .name {
    text-align: left;
    overflow-wrap: anywhere;
    min-width: 0;
    border: 0;
    background: none;
    padding: 0;
    font-size: 12.5px;
    cursor: pointer;
  }
  .protocols .name small {
    display: block;
    color: var(--muted);
    font-size: 11px;
  }
  .protocols .state {
    font-size: 11px;
    color: var(--muted);
    text-align: right;
    min-width: 4.5em;
    font-variant-numeric: tabular-nums;
  }
  .protocols .state.bad {
    color: var(--bad);
  }
  .protocols .why {
    grid-column: 3 / 5;
    margin: 0;
    font-size: 11px;
    color: var(--bad);
    overflow-wrap: anywhere;
  }
  .protocols .bar {
    grid-column: 3 / 5;
    height: 3px;
    background: #e1e6eb;
    border-radius: 2px;
    overflow: hidden;
  }
  .protocols .bar > span {
    display: block;
    height: 100%;
    background: var(--accent);
  }
  .list-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 8px 0;
  }
  h2.side-title {
    font-size: 13px;
    margin: 10px 0 4px;
  }
  .selected-bar select {
    flex: 1;
    min-width: 0;
  }
  .selected-bar .swatch {
    display: inline-block;
    flex: none;
    width: 12px;
    height: 12px;
  }
  .selected-bar {
    margin-bottom: 6px;
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 600;
  }
  .share {
    display: flex;
    gap: 6px;
    align-items: center;
    margin-top: 4px;
  }
  .share input {
    flex: 1;
    min-width: 0;
    font-size: 11px;
  }
  .menu {
    position: relative;
  }
  .menu-list {
    position: absolute;
    right: 0;
    top: 110%;
    background: #fff;
    color: var(--ink);
    border: 1px solid var(--line);
    border-radius: 5px;
    box-shadow: 0 4px 16px rgba(0, 0, 0, 0.15);
    padding: 4px;
    z-index: 10;
    display: flex;
    flex-direction: column;
    min-width: 230px;
  }
  .menu-list button {
    border: 0;
    text-align: left;
    padding: 6px 8px;
  }
  .modes {
    display: inline-flex;
  }
  .modes button {
    border-radius: 0;
    background: transparent;
    color: #fff;
    border-color: #8fb3d1;
  }
  .modes button:first-child {
    border-radius: 4px 0 0 4px;
  }
  .modes button:last-child {
    border-radius: 0 4px 4px 0;
  }
  .modes button[aria-pressed='true'] {
    background: #fff;
    color: var(--ink);
    font-weight: 600;
  }
  .modes button:hover:not([aria-pressed='true']) {
    background: #17486f;
  }
  .layout[hidden],
  main[hidden] {
    display: none;
  }
  .sources {
    font-size: 11.5px;
    color: var(--muted);
  }
  /*
   * Tablets in portrait and phones: one column that the page scrolls as a whole,
   * setup first, results below at the full width (two columns left results ~60 px).
   */
  @media (max-width: 900px) {
    :host {
      display: block;
      height: auto;
      min-height: 100vh;
    }
    .layout {
      display: block;
    }
    aside.side {
      overflow: visible;
      border-right: 0;
      border-bottom: 1px solid var(--line);
    }
    main {
      overflow: visible;
      padding: 10px 6px 30px;
    }
    header {
      gap: 6px 8px;
    }
    header h1 {
      flex-basis: 100%;
    }
    header .spacer {
      display: none;
    }
  }
`;
