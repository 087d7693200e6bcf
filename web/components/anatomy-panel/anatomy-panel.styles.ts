/** Layout of the anatomy panel beyond the side-bar form (web/lib/shared-styles.ts sideBarFormStyles). */
import { css } from 'lit';
import { sideBarFormStyles } from '../../lib/shared-styles.ts';

export const styles = [
  sideBarFormStyles,
  css`
  /* A number is a few characters; the unit text beside it must still fit in a narrow side bar. */
  input[type='text'] {
    width: 6.5em;
  }
  select {
    width: 100%;
    min-width: 0;
  }
  input.invalid {
    border-color: var(--bad, #b00020);
    outline: 1px solid var(--bad, #b00020);
  }
  .field-error {
    color: var(--bad, #b00020);
    font-size: 12px;
    margin: 0 0 4px 9.5em;
  }
  .check {
    display: block;
    font-size: 12.5px;
    margin: 3px 0;
  }
  ul {
    margin: 2px 0;
    padding-left: 18px;
    font-size: 12px;
  }
`,
];
