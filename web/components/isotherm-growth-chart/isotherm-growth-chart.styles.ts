/** Layout of the isotherm growth card. */
import { css } from 'lit';

export const styles = css`
  .plot {
    width: 100%;
    min-height: 340px;
  }
`;
