/** Layout of the temperature history card. */
import { css } from 'lit';

export const styles = css`
  .plot {
    width: 100%;
    min-height: 340px;
  }
`;
