/** Layout of the protocol timeline: phase blocks sized by duration, with a resize grip. */
import { css } from 'lit';

export const styles = css`
  .track {
    display: flex;
    height: 44px;
    border: 1px solid var(--line);
    border-radius: 4px;
    overflow: hidden;
    background: #fff;
    user-select: none;
  }
  .phase {
    position: relative;
    min-width: 28px;
    border-right: 1px solid #fff;
    padding: 3px 10px 3px 5px;
    font-size: 11px;
    line-height: 1.2;
    overflow: hidden;
    cursor: pointer;
    box-sizing: border-box;
  }
  .phase[aria-selected='true'] {
    outline: 2px solid var(--ink);
    outline-offset: -2px;
  }
  .phase.freeze {
    background: #cfe3f3;
  }
  .phase.passive_thaw {
    background: #fbe8c4;
  }
  .phase.active_thaw {
    background: #f6cdb3;
  }
  .phase.reposition {
    background: repeating-linear-gradient(45deg, #e3e6ea, #e3e6ea 4px, #d0d5db 4px, #d0d5db 8px);
  }
  .grip {
    position: absolute;
    right: 0;
    top: 0;
    bottom: 0;
    width: 8px;
    cursor: ew-resize;
    background: rgba(0, 0, 0, 0.12);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    margin-top: 6px;
  }
  .hint {
    color: var(--muted);
    font-size: 11.5px;
  }
  .hint.bad {
    color: var(--bad);
  }
  .tip-input {
    width: 4em;
  }
  .total {
    margin-left: auto;
    color: var(--muted);
  }
`;
