/** Layout of the lethal-zone chart card. */
import { css } from 'lit';
import { sliderChartStyles } from '../../lib/shared-styles.ts';

export const styles = [
  sliderChartStyles,
  css`
  .caption {
    margin: 2px 0 0;
    font-size: 11.5px;
    color: var(--muted);
  }
  .caption.draft {
    color: var(--warn);
  }
  h3.sub {
    font-size: 14px;
    margin: 14px 0 4px;
  }
  .sections {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 12px;
    margin: 6px 0 4px;
  }
  .tile {
    margin: 0;
    width: var(--tile-px, 150px);
  }
  .tile svg {
    display: block;
    border: 1px solid var(--line);
  }
  .tile .axis-label {
    font-size: 9.5px;
    fill: #fff;
    stroke: #222;
    stroke-width: 2.5px;
    paint-order: stroke;
  }
  .tile figcaption {
    font-size: 11.5px;
    line-height: 1.35;
  }
  .tile figcaption strong {
    font-weight: 600;
  }
  .tile .share {
    display: block;
    color: var(--muted);
    font-variant-numeric: tabular-nums;
  }
  .tile .share.yes {
    color: var(--text, #1a1a1a);
    font-weight: 600;
  }
  .tile .previous {
    color: var(--warn);
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 2px;
    margin-right: 4px;
  }
  .sections-legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 14px;
    font-size: 12px;
    color: var(--muted);
  }
  .sections-legend .key {
    display: inline-block;
    width: 12px;
    height: 12px;
    margin-right: 4px;
    vertical-align: -2px;
    border: 1px solid var(--line);
  }
  .sections-legend .key.shaft {
    background: #444;
    width: 5px;
  }
  .sections-legend .key.ring {
    border: 2.5px solid #e69f00;
    border-radius: 50%;
    background: none;
  }
  .legend-text {
    color: var(--muted);
    font-size: 12px;
  }
`,
];
