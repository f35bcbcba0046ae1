import type { ApplicationCell } from '../../../../main/contract/calls';

/** The applications a cross-tab cell sends the register to show: the cell, how many applications it has, and what it is in words. */
export interface RegisterPreset {
  cell: ApplicationCell;
  count: number;
  what: string;
}
