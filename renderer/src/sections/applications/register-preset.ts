import type { GridFilter } from '../../../../main/contract/calls';

/** The applications another section sends the register to show: filters for its grid, how many they match, and what they are in words. */
export interface RegisterPreset {
  filters: GridFilter[];
  count: number;
  what: string;
}
